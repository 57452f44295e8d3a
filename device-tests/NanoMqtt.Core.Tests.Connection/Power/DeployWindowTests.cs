using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Power;
using NanoMqtt.Sleep;
using nanoFramework.TestFramework;
using NanoMqtt.Core.Tests.Fakes;

namespace NanoMqtt.Core.Tests.Power
{
    /// <summary>
    /// A sleeping board is awake for seconds per wake: too short for Visual Studio to deploy. After a
    /// power-on or reset (not a timer wake) it stays awake for [sleep] deploy_window (60 s by default).
    /// </summary>
    [TestClass]
    public class DeployWindowTests
    {
        private static readonly byte[] Bright = new byte[] { 0x83, 0x90 };

        [TestMethod]
        public void APowerOnStaysAwakeForTheDeployWindowThenSleeps()
        {
            var rig = new WakeRig(SleepCycleTests.Config, null);
            rig.ColdBoot = true;
            rig.Light.EnqueueRead(Bright);
            rig.Boot();

            Assert.IsFalse(rig.RunUntilAsleep(59999), "awake through the window, beyond awake_max (20 s)");
            Assert.AreEqual((int)ConnectionState.Online, (int)rig.Device.Supervisor.State, "online meanwhile");
            Assert.IsTrue(rig.RunUntilAsleep(70000));
            SleepCycle cycle = rig.Cycle;
            Assert.IsFalse(cycle.GaveUp);
            Assert.IsTrue(cycle.AwakeMs >= 60000 && cycle.AwakeMs < 61000, "awake " + cycle.AwakeMs + " ms");
            Assert.AreEqual(600000L - cycle.AwakeMs, rig.Sleeper.LastMs);
        }

        [TestMethod]
        public void ATimerWakeHasNoWindow()
        {
            var rig = new WakeRig(SleepCycleTests.Config, null);
            rig.Light.EnqueueRead(Bright);
            rig.Boot();
            Assert.IsTrue(rig.RunUntilAsleep(2000));
        }

        [TestMethod]
        public void TheWindowCanBeTurnedOff()
        {
            var rig = new WakeRig(
                TestConfig.Device + "[power]\nmode = sleep\n"
                + "[sleep]\ninterval = 10m\nawake_max = 20s\ndeploy_window = 0\n[sensor.light]\ntype = bh1750\ninterval = 1m\n", null);
            rig.ColdBoot = true;
            rig.Light.EnqueueRead(Bright);
            rig.Boot();
            Assert.IsTrue(rig.RunUntilAsleep(2000));
        }

        [TestMethod]
        public void WithoutABrokerThePowerOnWakeStillEndsAfterTheWindow()
        {
            var rig = new WakeRig(SleepCycleTests.Config, null);
            rig.ColdBoot = true;
            rig.Network.IsUp = false;
            rig.Light.EnqueueRead(Bright);
            rig.Boot();
            Assert.IsFalse(rig.RunUntilAsleep(59999));
            Assert.IsFalse(rig.RunUntilAsleep(60000 + 17000));
            Assert.IsTrue(rig.RunUntilAsleep(60000 + 20000), "the window, then awake_max, bound it");
            Assert.IsTrue(rig.Cycle.GaveUp);
        }
    }
}
