using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Health;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Health
{
    [TestClass]
    public class LoopWatchdogTests
    {
        [TestMethod]
        public void BeatsKeepTheDeviceUp()
        {
            var dog = new LoopWatchdog(180000, 0);
            var settings = new MemorySettingsStore();
            var platform = new FakeDevicePlatform();
            for (long t = 0; t <= 3600000; t += 60000)
            {
                dog.Beat(t);
                Assert.IsFalse(dog.Check(t + 59999, settings, platform));
            }

            Assert.AreEqual(0, platform.RebootCount);
            Assert.IsNull(settings.Read(RebootKeeper.ResetReasonKey));
        }

        [TestMethod]
        public void AStalledLoopRebootsWithTheReasonRecorded()
        {
            var dog = new LoopWatchdog(180000, 0);
            var settings = new MemorySettingsStore();
            var platform = new FakeDevicePlatform();
            dog.Beat(5000);
            Assert.IsFalse(dog.Check(184999, settings, platform));
            Assert.IsTrue(dog.Check(185000, settings, platform));
            Assert.AreEqual(1, platform.RebootCount);
            Assert.AreEqual("watchdog: main loop stalled for 180 s", settings.Read(RebootKeeper.ResetReasonKey));

            // Once: Reboot returned (as in a test), and the thread must not reboot again and again.
            Assert.IsFalse(dog.Check(400000, settings, platform));
            Assert.AreEqual(1, platform.RebootCount);
        }

        [TestMethod]
        public void TheNextBootReportsTheStall()
        {
            var rig = new Connection.SupervisorRig();
            var dog = new LoopWatchdog(90000, 0);
            dog.Check(95000, rig.Settings, rig.Platform);
            rig.Build();
            Assert.AreEqual("watchdog: main loop stalled for 95 s", rig.Supervisor.Reboots.LastResetReason);
        }

        [TestMethod]
        public void ALoopThatNeverBeatsCountsFromBoot()
        {
            var dog = new LoopWatchdog(90000, 1000);
            var settings = new MemorySettingsStore();
            var platform = new FakeDevicePlatform();
            Assert.IsFalse(dog.Check(90999, settings, platform));
            Assert.IsNull(settings.Read(RebootKeeper.ResetReasonKey));
            Assert.IsTrue(dog.Check(91000, settings, platform));
            Assert.AreEqual("watchdog: main loop stalled for 90 s", settings.Read(RebootKeeper.ResetReasonKey));
        }

        [TestMethod]
        public void ZeroTurnsItOff()
        {
            var dog = new LoopWatchdog(0, 0);
            var platform = new FakeDevicePlatform();
            Assert.IsFalse(dog.Enabled);
            Assert.IsFalse(dog.Check(long.MaxValue / 2, new MemorySettingsStore(), platform));
            Assert.AreEqual(0, platform.RebootCount);
        }

        [TestMethod]
        [DataRow(90000L, 9000L)]
        [DataRow(180000L, 10000L)]
        [DataRow(5000L, 1000L)]
        public void TheWatchingThreadLooksOftenEnough(long limitMs, long periodMs)
        {
            Assert.AreEqual(periodMs, new LoopWatchdog(limitMs, 0).CheckPeriodMs);
        }
    }
}
