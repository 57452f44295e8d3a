using System.Collections;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Power;
using NanoMqtt.Sleep;
using NanoMqtt.Core.Tests.Connection;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Power
{
    /// <summary>The readings kept through a deep sleep: bounds, order, drop counting and the stored form.</summary>
    [TestClass]
    public class KeptReadingsTests
    {
        [TestMethod]
        public void WhenStorageIsFullTheNewestAreKeptAndTheRestCountedAsDropped()
        {
            var wake = new OfflineWake(null, 3, 4096);
            for (int i = 1; i <= 5; i++)
            {
                wake.Reading("r" + i);
            }

            wake.Rig.Supervisor.Publish(wake.Rig.Topics.State("relay1"), Utf8.GetBytes("off"), 1, true, null);
            wake.RunUntilAsleep();

            Assert.AreEqual(3, wake.Cycle.Keeper.Kept);
            Assert.AreEqual(2L, wake.Cycle.Keeper.KeptDropped);

            // The next wake puts them back first, oldest first, and diag reports what was lost.
            var next = new OfflineWake(wake.Rig.Settings, 3, 4096);
            Assert.AreEqual(3, next.Cycle.Keeper.Restored);
            Outbox outbox = next.Rig.Supervisor.Outbox;
            Assert.AreEqual(3, outbox.WaitingCount);
            Assert.AreEqual("r3", Text(WaitingAt(outbox, 0)));
            Assert.AreEqual("r5", Text(WaitingAt(outbox, 2)));
            Assert.AreEqual(wake.Rig.Topics.Telemetry("light"), WaitingAt(outbox, 0).Topic);
            var w = new JsonWriter(128);
            w.BeginObject();
            next.Cycle.WriteDiag(w);
            w.EndObject();
            Assert.Contains("\"sleep_restored\":3,\"sleep_dropped\":2", w.ToString());
        }

        [TestMethod]
        public void TheByteBoundHoldsAndLossesCarryOverUntilAWakeReachesTheBroker()
        {
            var wake = new OfflineWake(null, 32, 0);
            int size = KeptMessages.SizeOf(Message(wake.Rig.Topics.Telemetry("light"), Utf8.GetBytes("r1"), false, null, 0));
            wake = new OfflineWake(null, 32, 2 * size);
            wake.Reading("r1");
            wake.Reading("r2");
            wake.Reading("r3");
            wake.RunUntilAsleep();
            Assert.AreEqual(2, wake.Cycle.Keeper.Kept);
            Assert.AreEqual(1L, wake.Cycle.Keeper.KeptDropped);

            // Still no broker: two restored, one new; two fit, so one more is lost, and the old loss stays counted.
            var again = new OfflineWake(wake.Rig.Settings, 32, 2 * size);
            again.Reading("r4");
            again.RunUntilAsleep();
            Assert.AreEqual(2, again.Cycle.Keeper.Kept);
            Assert.AreEqual(2L, again.Cycle.Keeper.KeptDropped);
            Assert.AreEqual("r4", Text(Decoded(again.Rig.Settings, 1)));
        }

        [TestMethod]
        public void AFailedStorageWriteCountsTheReadingsAsDropped()
        {
            var wake = new OfflineWake(null, 32, 4096);
            wake.Reading("r1");
            wake.Rig.Settings.FailWrites = true;
            wake.RunUntilAsleep();
            Assert.AreEqual(0, wake.Cycle.Keeper.Kept);
            Assert.AreEqual(1L, wake.Cycle.Keeper.KeptDropped);
        }

        [TestMethod]
        public void StoredTextRoundTripsAndKeepsTheAgeAcrossTheSleep()
        {
            var m = Message("a/b/telemetry/x", new byte[] { 0, 1, 0xFE, 0xFF }, true, new byte[] { 9 }, 1000);
            string text = KeptMessages.Header(60000, 7) + KeptMessages.Entry(m, 4000);
            Assert.StartsWith("nmq1,60000,7;1,1,3000,", text);

            var into = new ArrayList();
            long dropped;
            int bad;
            Assert.IsTrue(KeptMessages.Decode(text, 500, into, out dropped, out bad));
            Assert.AreEqual(7L, dropped);
            Assert.AreEqual(0, bad);
            var back = (OutboxMessage)into[0];
            Assert.AreEqual("a/b/telemetry/x", back.Topic);
            Assert.AreEqual(4, back.PayloadLength);
            Assert.AreEqual((byte)0xFE, back.Buffer[back.PayloadOffset + 2]);
            Assert.IsTrue(back.Retain);
            Assert.AreEqual(9, (int)back.CorrelationData[0]);
            // 3 s old when stored, then a minute of sleep: enqueued 63 s before this boot's 500 ms.
            Assert.AreEqual(500L - 3000 - 60000, back.EnqueuedMs);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("garbage")]
        [DataRow("nmq9,1,0")]
        [DataRow("nmq1,x,0")]
        public void TextThatIsNotOursIsRefusedWithoutThrowing(string text)
        {
            var into = new ArrayList();
            long dropped;
            int bad;
            Assert.IsFalse(KeptMessages.Decode(text, 0, into, out dropped, out bad));
            Assert.AreEqual(0, into.Count);
        }

        [TestMethod]
        public void DamagedEntriesAreSkippedAndCounted()
        {
            string good = KeptMessages.Header(0, 0) + KeptMessages.Entry(Message("t/x", new byte[] { 65 }, false, null, 0), 0);
            var into = new ArrayList();
            long dropped;
            int bad;
            Assert.IsTrue(KeptMessages.Decode(good + ";1,0,5,zz,41,;3,0,0,74,41,;1,0,0,,41,", 0, into, out dropped, out bad));
            Assert.AreEqual(1, into.Count);
            Assert.AreEqual(3, bad);
        }

        [TestMethod]
        public void ADamagedRecordIsReportedAsALossAtTheNextWake()
        {
            var settings = new MemorySettingsStore();
            settings.Write(SleepCycle.StoreKey, "not a record");
            var wake = new OfflineWake(settings, 32, 4096);
            Assert.AreEqual(0, wake.Cycle.Keeper.Restored);
            var w = new JsonWriter(128);
            w.BeginObject();
            wake.Cycle.WriteDiag(w);
            w.EndObject();
            Assert.Contains("\"sleep_dropped\":1", w.ToString());
        }

        [TestMethod]
        public void UnusableOptionsAreReportedAndTheDefaultsRun()
        {
            var rig = new SupervisorRig();
            rig.Network.IsUp = false;
            rig.Build();
            var options = new SleepOptions();
            options.AwakeMaxMs = 100;
            var sleeper = new RecordingDeepSleep();
            var cycle = new SleepCycle(options, rig.Supervisor, sleeper, rig.Settings, rig.Clock);
            Assert.IsNotNull(cycle.ConfigError);
            while (!cycle.IsAsleep && rig.Clock.NowMs < 60000)
            {
                rig.Supervisor.Step(rig.Clock.NowMs);
                long next = cycle.Step(rig.Clock.NowMs);
                rig.Clock.NowMs = next > rig.Clock.NowMs && next < rig.Clock.NowMs + 1000 ? next : rig.Clock.NowMs + 1000;
            }

            Assert.IsTrue(cycle.IsAsleep);
            Assert.IsTrue(cycle.AwakeMs > 100 && cycle.AwakeMs <= 30000, "the default 30 s bound: " + cycle.AwakeMs);
        }

        // A QoS 1 message on its own, as KeptMessages.Decode makes them.
        private static OutboxMessage Message(string topic, byte[] payload, bool retain, byte[] correlation, long enqueuedMs)
        {
            return new OutboxMessage
            {
                Topic = topic,
                Buffer = payload,
                PayloadLength = payload.Length,
                Qos = 1,
                Retain = retain,
                CorrelationData = correlation,
                EnqueuedMs = enqueuedMs,
            };
        }

        private static OutboxMessage WaitingAt(Outbox outbox, int index)
        {
            var m = new OutboxMessage();
            return outbox.ReadWaiting(index, m) ? m : null;
        }

        private static string Text(OutboxMessage m)
        {
            return Utf8.GetString(m.Buffer, m.PayloadOffset, m.PayloadLength);
        }

        private static OutboxMessage Decoded(MemorySettingsStore settings, int index)
        {
            var into = new ArrayList();
            long dropped;
            int bad;
            Assert.IsTrue(KeptMessages.Decode(settings.Read(SleepCycle.StoreKey), 0, into, out dropped, out bad));
            return (OutboxMessage)into[index];
        }
    }

    /// <summary>A supervisor with no network and a sleep cycle on it: every wake ends on the awake bound.</summary>
    internal sealed class OfflineWake
    {
        public readonly SupervisorRig Rig = new SupervisorRig();
        public readonly RecordingDeepSleep Sleeper = new RecordingDeepSleep();
        public readonly SleepCycle Cycle;

        public OfflineWake(MemorySettingsStore settings, int maxKept, int maxKeptBytes)
        {
            if (settings != null)
            {
                CopyInto(settings, Rig.Settings);
            }

            Rig.Network.IsUp = false;
            Rig.Build();
            var options = new SleepOptions();
            options.IntervalMs = 60000;
            options.AwakeMaxMs = 5000;
            options.MaxKeptMessages = maxKept;
            options.MaxKeptBytes = maxKeptBytes;
            Cycle = new SleepCycle(options, Rig.Supervisor, Sleeper, Rig.Settings, Rig.Clock);
        }

        public void Reading(string text)
        {
            Rig.Supervisor.Publish(Rig.Topics.Telemetry("light"), Utf8.GetBytes(text), 1, false, null);
        }

        public void RunUntilAsleep()
        {
            while (!Cycle.IsAsleep && Rig.Clock.NowMs < 10000)
            {
                long now = Rig.Clock.NowMs;
                long next = Rig.Supervisor.Step(now);
                long wake = Cycle.Step(now);
                next = wake < next ? wake : next;
                Rig.Clock.NowMs = next > now ? next : now + 1;
            }

            Assert.IsTrue(Cycle.IsAsleep);
            Assert.IsTrue(Cycle.AwakeMs <= 5000);
            Assert.AreEqual(1, Sleeper.Calls);
        }

        private static void CopyInto(MemorySettingsStore from, MemorySettingsStore to)
        {
            string kept = from.Read(SleepCycle.StoreKey);
            if (kept != null)
            {
                to.Write(SleepCycle.StoreKey, kept);
            }
        }
    }
}
