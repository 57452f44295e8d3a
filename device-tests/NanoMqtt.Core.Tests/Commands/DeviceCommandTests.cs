using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Commands
{
    [TestClass]
    public class DeviceCommandTests
    {
        [TestMethod]
        [DataRow("ping")]
        [DataRow(" PING ")]
        [DataRow("{\"cmd\":\"ping\"}")]
        [DataRow("{\"value\":\"ping\"}")]
        public void PingAnswersPong(string payload)
        {
            var f = new RouterFixture();
            f.Send("device", payload);
            Assert.AreEqual("{\"ok\":true,\"state\":\"pong\"}", f.Answer("device"));
            Assert.AreEqual(1, f.Publisher.Count);
        }

        [TestMethod]
        public void RebootAnswersFirstThenAsksForTheReboot()
        {
            var f = new RouterFixture();
            f.Send("device", "{\"id\":\"b1\",\"value\":\"reboot\"}");
            Assert.AreEqual("{\"id\":\"b1\",\"ok\":true,\"state\":\"rebooting\"}", f.Answer("device"));
            Assert.AreEqual(1, f.Actions.Reboots);
            Assert.AreEqual("command b1", f.Actions.RebootReason);
            Assert.AreEqual(1, f.Actions.PublishedBeforeReboot, "the answer was queued before the reboot request");
        }

        [TestMethod]
        public void RedeliveredRebootDoesNotRebootAgain()
        {
            var store = new MemorySettingsStore();
            var before = new RouterFixture(RouterFixture.Wall, store, null);
            before.Send("device", "{\"id\":\"b2\",\"value\":\"reboot\"}");
            Assert.AreEqual(1, before.Actions.Reboots);

            var after = new RouterFixture(RouterFixture.Wall, store, null);
            after.Send("device", "{\"id\":\"b2\",\"value\":\"reboot\"}");
            Assert.AreEqual(0, after.Actions.Reboots);
            Assert.StartsWith("{\"id\":\"b2\",\"ok\":false,\"code\":\"duplicate\"", after.Answer("device"));
        }

        [TestMethod]
        public void PlainRebootCarriesNoIdInTheReason()
        {
            var f = new RouterFixture();
            f.Send("device", "reboot");
            Assert.AreEqual("command", f.Actions.RebootReason);
        }

        [TestMethod]
        public void DiagAsksForDiagNow()
        {
            var f = new RouterFixture();
            f.Send("device", "diag");
            Assert.AreEqual(1, f.Actions.Diags);
            Assert.AreEqual(0, f.Actions.Reboots);
            Assert.AreEqual("{\"ok\":true,\"state\":\"diag\"}", f.Answer("device"));
        }

        [TestMethod]
        [DataRow("interval climate 30s", 30000L)]
        [DataRow("interval  climate\t500ms", 500L)]
        [DataRow("{\"cmd\":\"interval\",\"sensor\":\"climate\",\"value\":\"5m\"}", 300000L)]
        [DataRow("{\"cmd\":\"interval\",\"sensor\":\"climate\",\"value\":30}", 30000L)]
        [DataRow("{\"id\":\"i1\",\"value\":\"interval climate 1h\"}", 3600000L)]
        public void IntervalIsAppliedAndStored(string payload, long ms)
        {
            var f = new RouterFixture();
            f.Send("device", payload);
            Assert.AreEqual("climate", f.Settings.Sensor);
            Assert.AreEqual(ms, f.Settings.IntervalMs);
            Assert.AreEqual(ms.ToString() + "ms", f.Store.Read("interval.climate"));
            Assert.Contains("\"ok\":true,\"state\":\"interval climate ", f.Answer("device"));
        }

        [TestMethod]
        public void IntervalAnswerShowsTheDuration()
        {
            var f = new RouterFixture();
            f.Send("device", "interval climate 90s");
            Assert.AreEqual("{\"ok\":true,\"state\":\"interval climate 90s\"}", f.Answer("device"));
        }

        [TestMethod]
        [DataRow("qos climate 1", 1)]
        [DataRow("qos climate 0", 0)]
        [DataRow("{\"cmd\":\"qos\",\"stream\":\"climate\",\"value\":2}", 2)]
        [DataRow("{\"cmd\":\"QoS\",\"stream\":\"climate\",\"value\":\"1\"}", 1)]
        public void QosIsAppliedAndStored(string payload, int qos)
        {
            var f = new RouterFixture();
            f.Send("device", payload);
            Assert.AreEqual("climate", f.Settings.Stream);
            Assert.AreEqual(qos, f.Settings.Qos);
            Assert.AreEqual(qos.ToString(), f.Store.Read("qos.climate"));
            Assert.AreEqual("{\"ok\":true,\"state\":\"qos climate " + qos + "\"}", f.Answer("device"));
        }

        [TestMethod]
        [DataRow("dance", "unknown_command")]
        [DataRow("{\"cmd\":\"dance\"}", "unknown_command")]
        [DataRow("ping now", "invalid_value")]
        [DataRow("reboot please", "invalid_value")]
        [DataRow("interval", "invalid_value")]
        [DataRow("interval climate", "invalid_value")]
        [DataRow("interval climate soon", "invalid_value")]
        [DataRow("interval climate 0s", "invalid_value")]
        [DataRow("interval climate -5s", "invalid_value")]
        [DataRow("interval a/b 10s", "invalid_value")]
        [DataRow("interval climate 10s extra", "invalid_value")]
        [DataRow("qos climate 3", "invalid_value")]
        [DataRow("qos climate one", "invalid_value")]
        [DataRow("qos", "invalid_value")]
        [DataRow("{\"cmd\":\"qos\",\"sensor\":\"climate\",\"value\":1}", "invalid_command")]
        [DataRow("{\"cmd\":\"interval\",\"stream\":\"climate\",\"value\":1}", "invalid_command")]
        [DataRow("{\"cmd\":5}", "invalid_command")]
        public void RefusesBadDeviceCommands(string payload, string code)
        {
            var f = new RouterFixture();
            f.Send("device", payload);
            Assert.StartsWith("{\"ok\":false,\"code\":\"" + code + "\",\"reason\":\"", f.Answer("device"));
            Assert.AreEqual(0, f.Settings.Calls);
            Assert.AreEqual(0, f.Actions.Reboots);
            Assert.AreEqual(0, f.Store.WriteCount);
        }

        [TestMethod]
        public void SettingRefusedByTheScheduleIsNotStored()
        {
            var f = new RouterFixture();
            f.Settings.Refusal = "no sensor named climate";
            f.Send("device", "interval climate 30s");
            Assert.AreEqual("{\"ok\":false,\"code\":\"setting_refused\",\"reason\":\"no sensor named climate\"}", f.Answer("device"));
            Assert.IsNull(f.Store.Read("interval.climate"));
        }

        [TestMethod]
        public void StoreFailureIsReportedAsNotSaved()
        {
            var f = new RouterFixture();
            f.Store.FailWrites = true;
            f.Send("device", "qos climate 1");
            Assert.AreEqual(1, f.Settings.Qos, "it is applied anyway");
            Assert.AreEqual("{\"ok\":false,\"code\":\"not_saved\",\"reason\":\"qos climate 1 applied until reboot (not saved)\"}", f.Answer("device"));
        }

        [TestMethod]
        public void UnwiredHandlersAnswerNotSupported()
        {
            var f = new RouterFixture();
            f.Router.Device.RuntimeSettings = null;
            f.Router.Device.Actions = null;
            f.Send("device", "interval climate 30s");
            Assert.StartsWith("{\"ok\":false,\"code\":\"not_supported\"", f.Answer("device"));
            f.Send("device", "reboot");
            Assert.StartsWith("{\"ok\":false,\"code\":\"not_supported\"", f.Answer("device"));
            f.Send("device", "diag");
            Assert.StartsWith("{\"ok\":false,\"code\":\"not_supported\"", f.Answer("device"));
            f.Send("device", "ping");
            Assert.AreEqual("{\"ok\":true,\"state\":\"pong\"}", f.Answer("device"));
        }

        [TestMethod]
        public void ExpiredDeviceCommandDoesNotReboot()
        {
            var f = new RouterFixture();
            f.Send("device", "{\"value\":\"reboot\",\"expires\":" + (RouterFixture.Wall - 1) + "}");
            Assert.AreEqual(0, f.Actions.Reboots);
            Assert.StartsWith("{\"ok\":false,\"code\":\"expired\"", f.Answer("device"));
        }
    }
}
