using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Device
{
    /// <summary>
    /// An always-on device that reboots itself (the offline watchdog, the "reboot" command) keeps the
    /// readings it could not send yet: they are stored just before the reboot and sent first after it.
    /// </summary>
    [TestClass]
    public class RebootKeepsReadingsTests
    {
        private const string Config =
            TestConfig.Device +
            "[sensor.light]\ntype = bh1750\ninterval = 10s\nqos = 1\n" +
            "[watchdog]\noffline_reboot = 1m\n";

        [TestMethod]
        public void ReadingsTakenOfflineAreSentFirstAfterTheWatchdogReboot()
        {
            var settings = new MemorySettingsStore();
            DeviceRig first = OfflineUntilTheWatchdogReboots(settings);
            int waiting = first.Device.Supervisor.Outbox.Count;
            Assert.IsTrue(waiting >= 5, "a minute offline at one reading per 10 s: " + waiting);
            Assert.IsNotNull(settings.Read(OutboxKeeper.StoreKey));

            var second = new DeviceRig(Config, settings);
            Assert.AreEqual(waiting, second.Device.Supervisor.Outbox.Count, "back in the outbox before the first step");
            second.Light.EnqueueRead(new byte[] { 0x01, 0x2C });
            second.RunFor(1000);

            string[] sent = TelemetryTexts(second);
            Assert.AreEqual(waiting + 1, sent.Length);
            for (int i = 0; i < waiting; i++)
            {
                Assert.Contains("\"v\":" + ((i + 1) * 10).ToString() + ".0,", sent[i], "the kept readings first, oldest first");
            }

            Assert.Contains("\"v\":250.0,", sent[waiting], "then the first reading of this boot");
            Assert.Contains("\"kept_restored\":" + waiting.ToString() + ",\"kept_lost\":0", second.Last("nanomqtt/dev1/diag").Text);
            Assert.AreEqual("watchdog: no broker session for 60 s", second.Device.Supervisor.Reboots.LastResetReason);

            // Delivered, so the record is gone: a power cut now does not send them a second time.
            Assert.IsNull(settings.Read(OutboxKeeper.StoreKey));
            var third = new DeviceRig(Config, settings);
            Assert.AreEqual(0, third.Device.Supervisor.Outbox.Count);
        }

        [TestMethod]
        public void TheRecordStaysUntilTheReadingsAreDelivered()
        {
            var settings = new MemorySettingsStore();
            DeviceRig first = OfflineUntilTheWatchdogReboots(settings);
            int waiting = first.Device.Supervisor.Outbox.Count;

            // The next boot finds no broker either, and loses power before the watchdog: nothing is lost.
            var second = new DeviceRig(Config, settings);
            second.Link.AutoConnect = false;
            second.RunFor(5000);
            Assert.IsNotNull(settings.Read(OutboxKeeper.StoreKey));

            var third = new DeviceRig(Config, settings);
            Assert.AreEqual(waiting, third.Device.Supervisor.Outbox.Count);
        }

        [TestMethod]
        public void TheRebootCommandKeepsWhatIsNotAcknowledged()
        {
            var settings = new MemorySettingsStore();
            var first = new DeviceRig(Config, settings);
            first.Light.EnqueueRead(new byte[] { 0x00, 0x0C });
            first.RunFor(1000);
            first.Link.AutoAck = false;
            first.Light.EnqueueRead(new byte[] { 0x00, 0x18 });
            first.RunFor(10000);

            first.Link.InjectMessage("nanomqtt/dev1/cmd/device", "reboot");
            first.RunFor(3000);
            Assert.AreEqual(1, first.Platform.RebootCount);

            var second = new DeviceRig(Config, settings);
            second.RunFor(1000);
            string[] sent = TelemetryTexts(second);
            Assert.IsTrue(sent.Length >= 1);
            Assert.Contains("\"v\":20.0,", sent[0], "the reading that had no PUBACK is sent again");
        }

        [TestMethod]
        public void ADamagedRecordIsCountedNotThrown()
        {
            var settings = new MemorySettingsStore();
            settings.Write(OutboxKeeper.StoreKey, "not a record");
            var rig = new DeviceRig(Config, settings);
            rig.RunFor(1000);
            Assert.AreEqual((int)ConnectionState.Online, (int)rig.Device.Supervisor.State);
            Assert.Contains("\"kept_restored\":0,\"kept_lost\":1", rig.Last("nanomqtt/dev1/diag").Text);
            Assert.IsNull(settings.Read(OutboxKeeper.StoreKey), "reported, then cleared");
        }

        /// <summary>Online for a second, then the broker is gone with a reading every 10 s (10, 20, 30... lx) until the watchdog reboots.</summary>
        private static DeviceRig OfflineUntilTheWatchdogReboots(MemorySettingsStore settings)
        {
            var rig = new DeviceRig(Config, settings);
            rig.Light.EnqueueRead(new byte[] { 0x00, 0x00 });
            rig.RunFor(1000);
            Assert.AreEqual((int)ConnectionState.Online, (int)rig.Device.Supervisor.State);

            for (int i = 1; i <= 10; i++)
            {
                rig.Light.EnqueueRead(new byte[] { 0x00, (byte)(12 * i) });
            }

            rig.Link.AutoConnect = false;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunFor(65000);
            Assert.AreEqual(1, rig.Platform.RebootCount);
            return rig;
        }

        private static string[] TelemetryTexts(DeviceRig rig)
        {
            int count = rig.Link.PublishCountOn("nanomqtt/dev1/telemetry/light");
            var texts = new string[count];
            int n = 0;
            for (int i = 0; i < rig.Link.Publishes.Count; i++)
            {
                var p = (FakePublish)rig.Link.Publishes[i];
                if (p.Topic == "nanomqtt/dev1/telemetry/light")
                {
                    texts[n++] = p.Text;
                }
            }

            return texts;
        }
    }
}
