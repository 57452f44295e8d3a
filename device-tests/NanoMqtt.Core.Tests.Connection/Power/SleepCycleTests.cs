using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Power;
using NanoMqtt.Sleep;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Power
{
    /// <summary>Whole wakes of a battery device: a FieldDevice in sleep mode, from boot to the sleep request.</summary>
    [TestClass]
    public class SleepCycleTests
    {
        internal const string Config =
            TestConfig.Device +
            "[power]\nmode = sleep\n" +
            "[sleep]\ninterval = 10m\nawake_max = 20s\n" +
            "[sensor.light]\ntype = bh1750\ninterval = 1m\nqos = 0\n" +
            "[actuator.relay1]\ntype = relay\npin = 26\nsafe = off\n";

        private static readonly byte[] Bright = new byte[] { 0x83, 0x90 };
        private static readonly byte[] Dim = new byte[] { 0x00, 0x64 };

        [TestMethod]
        public void OneWakeReadsPublishesSaysSleepingAndSleepsForTheRestOfTheInterval()
        {
            var rig = new WakeRig(Config, null);
            rig.Light.EnqueueRead(Bright);
            rig.Boot();

            Assert.IsTrue(rig.RunUntilAsleep(30000));
            SleepCycle cycle = rig.Cycle;
            Assert.AreEqual(1, rig.Sleeper.Calls);
            Assert.IsFalse(cycle.GaveUp);
            Assert.IsTrue(cycle.ReachedBroker);
            // Settle time after the birth (500 ms), nothing else to wait for with an instant broker.
            Assert.IsTrue(cycle.AwakeMs >= 500 && cycle.AwakeMs < 1000, "awake " + cycle.AwakeMs + " ms");
            Assert.AreEqual(600000L - cycle.AwakeMs, rig.Sleeper.LastMs);

            FakePublish reading = rig.Last("nanomqtt/dev1/telemetry/light");
            Assert.IsNotNull(reading);
            Assert.Contains("\"v\":28066.7", reading.Text);
            Assert.AreEqual(1, reading.Qos, "QoS 0 streams go through the outbox in sleep mode");

            FakePublish status = rig.Last("nanomqtt/dev1/status");
            Assert.AreEqual("sleeping", status.Text);
            Assert.IsTrue(status.Retain);
            Assert.AreEqual("offline", Utf8.GetString(rig.Link.LastConnectRequest.WillPayload, 0, rig.Link.LastConnectRequest.WillPayload.Length));
            Assert.IsTrue(rig.Link.LastConnectRequest.WillRetain);

            int birth = rig.LogIndex("publish nanomqtt/dev1/status online", 0);
            int telemetry = rig.LogIndexStarting("publish nanomqtt/dev1/telemetry/light", 0);
            int sleeping = rig.LogIndex("publish nanomqtt/dev1/status sleeping", 0);
            int disconnect = rig.LogIndex("disconnect", 0);
            Assert.IsTrue(birth >= 0 && birth < telemetry && telemetry < sleeping && sleeping < disconnect);
            Assert.AreEqual(0, rig.Link.AbortCount, "a clean disconnect: the broker drops the will");
            Assert.IsNull(rig.Settings.Read(SleepCycle.StoreKey), "nothing left to keep");

            int published = rig.Link.Publishes.Count;
            Assert.AreEqual(long.MaxValue, rig.Device.Step(rig.Clock.NowMs + 1000));
            Assert.AreEqual(published, rig.Link.Publishes.Count);
            Assert.AreEqual(1, rig.Sleeper.Calls);
        }

        [TestMethod]
        public void CommandsThatWaitedInTheSessionAreTakenBeforeTheSleep()
        {
            var rig = new WakeRig(Config, null);
            rig.Light.EnqueueRead(Bright);
            rig.Link.AutoConnect = false;
            rig.Boot();
            rig.RunUntil(100);
            Assert.IsTrue(rig.Link.ConnectPending);

            // The broker delivers the queued commands right after the CONNACK, before the SUBACK...
            rig.Link.CompleteConnect(true);
            rig.Link.InjectMessage("nanomqtt/dev1/cmd/relay1", "{\"id\":\"c1\",\"value\":\"on\"}");
            rig.RunUntil(400);
            Assert.IsFalse(rig.Device.IsAsleep);
            // ...and a late one still arrives within the settle time, which it extends.
            rig.Link.InjectMessage("nanomqtt/dev1/cmd/relay1", "{\"id\":\"c2\",\"value\":\"toggle\"}");
            Assert.IsTrue(rig.RunUntilAsleep(30000));

            Assert.IsTrue(rig.Sleeper.AtMs >= 900, "slept at " + rig.Sleeper.AtMs + " ms");
            Assert.AreEqual(2, rig.Device.Commands.Applied);
            Assert.AreEqual("off", rig.Last("nanomqtt/dev1/state/relay1").Text);
            Assert.Contains("\"id\":\"c2\",\"ok\":true", rig.Last("nanomqtt/dev1/cmd/relay1/result").Text);
            int lastResult = -1;
            for (int i = 0; i < rig.Link.Log.Count; i++)
            {
                if (((string)rig.Link.Log[i]).StartsWith("publish nanomqtt/dev1/cmd/relay1/result"))
                {
                    lastResult = i;
                }
            }

            Assert.IsTrue(lastResult >= 0 && lastResult < rig.LogIndex("publish nanomqtt/dev1/status sleeping", 0));
        }

        [TestMethod]
        public void WithTheBrokerDownTheWakeEndsInTimeAndTheReadingGoesOutAtTheNextWake()
        {
            var first = new WakeRig(Config, null);
            first.Light.EnqueueRead(Bright);
            first.Link.AutoConnect = false;
            first.Boot();

            Assert.IsTrue(first.RunUntilAsleep(60000));
            SleepCycle cycle = first.Cycle;
            Assert.IsTrue(first.Sleeper.AtMs <= 20000, "awake_max holds: slept at " + first.Sleeper.AtMs + " ms");
            // It gives up 2.1 s early: the supervisor's shutdown timeout and one step of reserve.
            Assert.AreEqual(17900L, first.Sleeper.AtMs);
            Assert.IsTrue(cycle.GaveUp);
            Assert.IsFalse(cycle.ReachedBroker);
            Assert.AreEqual(1, cycle.Keeper.Kept, "the reading is kept; the relay's boot state is not (it is published at every wake)");
            Assert.AreEqual(0, first.Link.Publishes.Count);
            Assert.IsNotNull(first.Settings.Read(SleepCycle.StoreKey));

            var second = new WakeRig(Config, first.Settings);
            second.Light.EnqueueRead(Dim);
            second.Boot();
            Assert.AreEqual(1, second.Cycle.Keeper.Restored);
            Assert.IsTrue(second.RunUntilAsleep(60000));

            int old = second.LogIndexStarting("publish nanomqtt/dev1/telemetry/light {\"v\":28066.7", 0);
            int fresh = second.LogIndexStarting("publish nanomqtt/dev1/telemetry/light {\"v\":83.3", 0);
            Assert.IsTrue(old >= 0 && fresh > old, "the kept reading goes first, then the new one");
            Assert.IsNull(second.Settings.Read(SleepCycle.StoreKey), "delivered, so the storage is cleared");
            Assert.Contains("\"sleep_restored\":1", second.Last("nanomqtt/dev1/diag").Text);
        }

        [TestMethod]
        public void AnUnconfirmedSleepingIsAbortedSoTheWillSaysOfflineAndTheBoundStillHolds()
        {
            var rig = new WakeRig(Config, null);
            rig.Light.EnqueueRead(Bright);
            rig.Boot();
            rig.RunUntil(10);
            Assert.AreEqual((int)ConnectionState.Online, (int)rig.Device.Supervisor.State);
            rig.Link.GoSilent();

            Assert.IsTrue(rig.RunUntilAsleep(60000));
            Assert.IsTrue(rig.Sleeper.AtMs <= 20000, "slept at " + rig.Sleeper.AtMs + " ms");
            Assert.AreEqual("sleeping", rig.Last("nanomqtt/dev1/status").Text);
            Assert.AreEqual(1, rig.Link.AbortCount, "not confirmed: aborted, so the broker publishes the will");
            Assert.AreEqual(0, rig.Link.DisconnectCount);
            Assert.AreEqual(1, rig.Cycle.Keeper.Kept, "the unacknowledged reading is kept for the next wake");
        }

        [TestMethod]
        public void ASimulatedWakeLastsTheNetworkTimesPlusTheSettleTime()
        {
            // Wi-Fi joins (association + DHCP) 1.5 s after boot, the broker answers the connect in 60 ms,
            // subscribe and publish acknowledgements come at once. docs/power.md quotes this figure.
            var rig = new WakeRig(Config, null);
            rig.Light.EnqueueRead(Bright);
            rig.Network.IsUp = false;
            rig.Link.AutoConnect = false;
            rig.Boot();
            rig.RunUntil(1500);
            Assert.AreEqual(0, rig.Link.ConnectRequests.Count);
            rig.Network.IsUp = true;
            rig.RunUntil(1560);
            Assert.IsTrue(rig.Link.ConnectPending);
            rig.Link.CompleteConnect(false);
            Assert.IsTrue(rig.RunUntilAsleep(30000));

            long awake = rig.Cycle.AwakeMs;
            // 1.5 s Wi-Fi + 60 ms connect + 0.5 s settle: the core adds no other wait.
            Assert.AreEqual(2060L, awake);
        }
    }
}
