using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Connection;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Diagnostics
{
    [TestClass]
    public class DiagPublisherTests
    {
        private const string DiagTopic = "nanomqtt/dev1/diag";

        private static SupervisorRig Rig(DiagOptions options)
        {
            var rig = new SupervisorRig();
            rig.Platform.FreeHeapBytes = 12345;
            rig.Network.Rssi = -67;
            rig.Build();
            rig.Diag = new DiagPublisher(options, rig.Supervisor, rig.Clock, rig.Platform, rig.Network);
            return rig;
        }

        private static string Text(byte[] payload)
        {
            return Utf8.GetString(payload, 0, payload.Length);
        }

        private static string LastDiag(SupervisorRig rig)
        {
            for (int i = rig.Link.Publishes.Count - 1; i >= 0; i--)
            {
                FakePublish p = rig.Link.PublishAt(i);
                if (p.Topic == DiagTopic)
                {
                    return p.Text;
                }
            }

            return null;
        }

        [TestMethod]
        public void PayloadCarriesEveryField()
        {
            var options = new DiagOptions();
            options.FirmwareVersion = "1.2.3";
            var rig = Rig(options);
            rig.Supervisor.Publish("nanomqtt/dev1/telemetry/t", new byte[1], 0, false, null);
            rig.RunUntilOnline(1000);
            rig.RunUntil(42000);
            string json = Text(rig.Diag.BuildPayload());
            Assert.StartsWith("{\"uptime_s\":42,", json);
            Assert.Contains("\"state\":\"online\"", json);
            Assert.Contains("\"reconnects\":0", json);
            Assert.Contains("\"connect_attempts\":1", json);
            Assert.Contains("\"last_disconnect\":\"none\"", json);
            Assert.Contains("\"broker\":\"broker-a:1883\"", json);
            Assert.Contains("\"outbox\":0", json);
            Assert.Contains("\"dropped\":0", json);
            Assert.Contains("\"expired\":0", json);
            Assert.Contains("\"skipped\":1", json);
            Assert.Contains("\"reset_reason\":\"power-on\"", json);
            Assert.Contains("\"fw\":\"1.2.3\"", json);
            Assert.Contains("\"heap\":12345", json);
            Assert.Contains("\"rssi\":-67", json);
            Assert.DoesNotContains("\"t\":", json, "no time before SNTP");
            Assert.EndsWith("}", json);
        }

        [TestMethod]
        public void PublishedRetainedOnEveryConnect()
        {
            var rig = Rig(null);
            rig.RunUntilOnline(1000);
            Assert.AreEqual(1, rig.Link.PublishCountOn(DiagTopic));
            FakePublish diag = rig.Link.PublishAt(1);
            Assert.AreEqual(DiagTopic, diag.Topic, "right after the birth");
            Assert.IsTrue(diag.Retain);

            rig.Link.DropConnection(LinkFailure.KeepaliveTimeout);
            rig.RunFor(1);
            Assert.IsTrue(rig.RunUntilOnline(rig.Clock.NowMs + 16000));
            Assert.AreEqual(2, rig.Link.PublishCountOn(DiagTopic));
            string json = LastDiag(rig);
            Assert.Contains("\"reconnects\":1", json);
            Assert.Contains("\"last_disconnect\":\"keepalive_timeout\"", json);
        }

        [TestMethod]
        public void PublishedPeriodicallyWhileOnlineOnly()
        {
            var options = new DiagOptions();
            options.IntervalMs = 60000;
            var rig = Rig(options);
            rig.RunUntilOnline(1000);
            long online = rig.Supervisor.OnlineSinceMs;
            rig.RunUntil(online + 59999);
            Assert.AreEqual(1, rig.Link.PublishCountOn(DiagTopic));
            rig.RunUntil(online + 60000);
            Assert.AreEqual(2, rig.Link.PublishCountOn(DiagTopic));
            rig.RunUntil(online + 180000);
            Assert.AreEqual(4, rig.Link.PublishCountOn(DiagTopic));

            rig.Link.AutoConnect = false;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunFor(300000);
            Assert.AreEqual(4, rig.Link.PublishCountOn(DiagTopic), "nothing queued while offline");
            Assert.AreEqual(0, rig.Supervisor.Outbox.Count);
        }

        [TestMethod]
        public void PublishedOnDemand()
        {
            var rig = Rig(null);
            rig.RunUntilOnline(1000);
            Assert.IsTrue(rig.Diag.PublishDiagNow());
            Assert.AreEqual(2, rig.Link.PublishCountOn(DiagTopic));
            Assert.AreEqual(2L, rig.Diag.Published);
        }

        [TestMethod]
        public void ContributorsAddTheirFields()
        {
            var rig = Rig(null);
            rig.Diag.AddContributor(new FaultContributor());
            string json = Text(rig.Diag.BuildPayload());
            Assert.Contains(",\"sensor_faults\":2}", json);
        }

        [TestMethod]
        public void ReportsTheWatchdogReasonAfterTheNextBoot()
        {
            var first = new SupervisorRig();
            first.Network.IsUp = false;
            first.Build();
            first.RunUntil(900000);
            Assert.AreEqual(1, first.Platform.RebootCount);

            var rig = new SupervisorRig();
            string reason = first.Settings.Read(RebootKeeper.ResetReasonKey);
            rig.Settings.Write(RebootKeeper.ResetReasonKey, reason);
            rig.Build();
            rig.Diag = new DiagPublisher(null, rig.Supervisor, rig.Clock, rig.Platform, rig.Network);
            rig.RunUntilOnline(1000);
            Assert.Contains("\"reset_reason\":\"watchdog: no broker session for 900 s\"", LastDiag(rig));
        }

        [TestMethod]
        public void ReportsOutboxLossesAndTheAuthFailure()
        {
            var rig = new SupervisorRig();
            rig.Options.Outbox.MaxMessages = 2;
            rig.Link.ConnectFailure = LinkFailure.BadCredentials;
            rig.Build();
            var diag = new DiagPublisher(null, rig.Supervisor, rig.Clock, rig.Platform, rig.Network);
            for (int i = 0; i < 5; i++)
            {
                rig.Supervisor.Publish("nanomqtt/dev1/telemetry/t", new byte[1], 1, false, null);
            }

            rig.RunUntil(5000);
            string json = Text(diag.BuildPayload());
            Assert.Contains("\"outbox\":2", json);
            Assert.Contains("\"dropped\":3", json);
            Assert.Contains("\"last_failure\":\"bad_credentials\"", json);
            Assert.Contains("\"state\":\"wifi_up\"", json);
        }

        [TestMethod]
        public void WallTimeIsReportedOnceKnown()
        {
            var rig = Rig(null);
            rig.Clock.UnixSeconds = 1764070000;
            Assert.Contains("\"t\":1764070000", Text(rig.Diag.BuildPayload()));
        }

        private sealed class FaultContributor : IDiagContributor
        {
            public void WriteDiag(JsonWriter w)
            {
                w.Name("sensor_faults");
                w.Value(2);
            }
        }
    }
}
