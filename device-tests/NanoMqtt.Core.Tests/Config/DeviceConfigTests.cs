using NanoMqtt.Core.Config;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Config
{
    [TestClass]
    public class DeviceConfigTests
    {
        private const string Minimal = "[device]\nid = dev1\n";

        [TestMethod]
        public void AMinimalConfigGetsTheDefaults()
        {
            string error;
            DeviceConfig c = DeviceConfig.Parse(Minimal, null, out error);
            Assert.IsNull(error);
            Assert.AreEqual("dev1", c.DeviceId);
            Assert.AreEqual("dev1", c.Supervisor.ClientId);
            Assert.AreEqual("nanomqtt", c.Prefix);
            Assert.AreEqual("127.0.0.1", c.Supervisor.Endpoints[0].Host);
            Assert.AreEqual(1883, c.Supervisor.Endpoints[0].Port);
            Assert.AreEqual(3, c.Supervisor.ProtocolVersion);
            Assert.AreEqual(30, c.Supervisor.KeepAliveSeconds);
            Assert.AreEqual(1000L, c.Supervisor.Backoff.BaseMs);
            Assert.AreEqual(60000L, c.Supervisor.Backoff.CapMs);
            Assert.AreEqual(900000L, c.Supervisor.WatchdogMs);
            Assert.AreEqual(0, c.Sensors.Length);
        }

        [TestMethod]
        public void ReadsEverySection()
        {
            string text =
                "# comment\n" +
                "[board]\r\ntarget = ESP32_C3\r\nserial_port = /dev/ttyUSB0\r\n" +
                "[device]\nid = shed\nprefix = farm\n" +
                "[wifi]\nssid = Barn WiFi\n" +
                "[mqtt]\nbrokers = 10.0.0.2:1884, [::1]:8883, backup.local\nprotocol = 5\ntls = true\nuser = shed\nkeepalive = 1m\nsession_expiry = 2h\nfailover_after = 2\n" +
                "[backoff]\nbase = 500ms\ncap = 2m\nmultiplier = 3\nstable = 30s\nsession_loss_spread = 20s\n" +
                "[watchdog]\noffline_reboot = 0\n" +
                "[outbox]\nmax_messages = 50\nmax_bytes = 4096\nexpiry = 1h\n" +
                "[i2c]\nsda = 8\nscl = 9\n" +
                "[sensor.climate]\ntype = bme280\naddress = 0x77\ninterval = 30s\nqos = 1\nretain = true\ndeadband = 0.25\nheartbeat = 4\nmedian = 3\n" +
                "[sensor.door]\ntype = input\npin = 4\npull_up = false\ndebounce = 20ms\n" +
                "[actuator.fan]\ntype = pwm\npin = 5\nsafe = 40\nsafe_after = 10m\nmax_changes_per_minute = 0\nfrequency = 25000\n";
            string secrets = "[wifi]\npassword = s3cret\n[mqtt]\npassword = pw\n";
            string error;
            DeviceConfig c = DeviceConfig.Parse(text, secrets, out error);
            Assert.IsNull(error);
            Assert.AreEqual("ESP32_C3", c.Target);
            Assert.AreEqual("/dev/ttyUSB0", c.SerialPort);
            Assert.AreEqual("farm", c.Prefix);
            Assert.AreEqual("Barn WiFi", c.WifiSsid);
            Assert.AreEqual("s3cret", c.WifiPassword);
            Assert.AreEqual("pw", c.Supervisor.Password);
            Assert.AreEqual(3, c.Supervisor.Endpoints.Length);
            Assert.AreEqual("10.0.0.2", c.Supervisor.Endpoints[0].Host);
            Assert.AreEqual(1884, c.Supervisor.Endpoints[0].Port);
            Assert.AreEqual("::1", c.Supervisor.Endpoints[1].Host);
            Assert.AreEqual(8883, c.Supervisor.Endpoints[1].Port);
            Assert.AreEqual("backup.local", c.Supervisor.Endpoints[2].Host);
            Assert.AreEqual(1883, c.Supervisor.Endpoints[2].Port);
            Assert.AreEqual(5, c.Supervisor.ProtocolVersion);
            Assert.IsTrue(c.Supervisor.Endpoints[0].UseTls);
            Assert.AreEqual(60, c.Supervisor.KeepAliveSeconds);
            Assert.AreEqual(7200, c.Supervisor.SessionExpirySeconds);
            Assert.AreEqual(2, c.Supervisor.FailoverAfterFailures);
            Assert.AreEqual(500L, c.Supervisor.Backoff.BaseMs);
            Assert.AreEqual(120000L, c.Supervisor.Backoff.CapMs);
            Assert.AreEqual(3, c.Supervisor.Backoff.Multiplier);
            Assert.AreEqual(20000L, c.Supervisor.Backoff.SessionLossSpreadMs);
            Assert.AreEqual(0L, c.Supervisor.WatchdogMs);
            Assert.AreEqual(3600000L, c.Supervisor.Outbox.ExpiryMs);
            Assert.AreEqual(8, c.I2cSda);
            Assert.AreEqual(2, c.Sensors.Length);
            Assert.AreEqual("climate", c.Sensors[0].Name);
            Assert.AreEqual(0x77, c.Sensors[0].Address);
            Assert.AreEqual(0.25, c.Sensors[0].Options.Deadband);
            Assert.IsTrue(c.Sensors[0].Options.Retain);
            Assert.AreEqual(3, c.Sensors[0].Options.MedianWindow);
            Assert.AreEqual(4, c.Sensors[1].Pin);
            Assert.IsFalse(c.Sensors[1].PullUp);
            Assert.AreEqual(20L, c.Sensors[1].InputOptions.DebounceMs);
            Assert.AreEqual(4000, c.Actuators[0].SafeDuty);
            Assert.AreEqual(25000, c.Actuators[0].FrequencyHz);
        }

        [TestMethod]
        public void PowerSleepAndHomeAssistantHaveTheirDefaults()
        {
            string error;
            DeviceConfig c = DeviceConfig.Parse(Minimal, null, out error);
            Assert.IsNull(error);
            Assert.IsFalse(c.SleepMode);
            Assert.AreEqual(600000L, c.Sleep.IntervalMs);
            Assert.AreEqual(30000L, c.Sleep.AwakeMaxMs);
            Assert.IsFalse(c.Discovery.Enabled);
            Assert.AreEqual("homeassistant", c.Discovery.Prefix);
            Assert.AreEqual(-1, c.StatusLedPin);
        }

        [TestMethod]
        public void ReadsPowerSleepHomeAssistantAndTheStatusLed()
        {
            string text = Minimal +
                "[board]\nstatus_led = 13\n" +
                "[power]\nmode = sleep\n" +
                "[sleep]\ninterval = 15m\nawake_max = 20s\n" +
                "[homeassistant]\ndiscovery = true\nprefix = ha\n";
            string error;
            DeviceConfig c = DeviceConfig.Parse(text, null, out error);
            Assert.IsNull(error);
            Assert.AreEqual(13, c.StatusLedPin);
            Assert.IsTrue(c.SleepMode);
            Assert.AreEqual(900000L, c.Sleep.IntervalMs);
            Assert.AreEqual(20000L, c.Sleep.AwakeMaxMs);
            Assert.IsTrue(c.Discovery.Enabled);
            Assert.AreEqual("ha", c.Discovery.Prefix);
        }

        [TestMethod]
        public void SleepModeNeedsAnMqtt5SessionThatOutlivesTheSleep()
        {
            string sleep = Minimal + "[power]\nmode = sleep\n[sleep]\ninterval = 2h\n";
            string error;
            Assert.IsNull(DeviceConfig.Parse(sleep + "[mqtt]\nprotocol = 5\nsession_expiry = 1h\n", null, out error));
            Assert.Contains("session_expiry must be longer than the sleep interval (2h)", error);
            Assert.IsNotNull(DeviceConfig.Parse(sleep + "[mqtt]\nprotocol = 5\nsession_expiry = 3h\n", null, out error));
            // MQTT 3.1.1 sessions (clean session off) do not expire by the client's choice.
            Assert.IsNotNull(DeviceConfig.Parse(sleep + "[mqtt]\nprotocol = 3.1.1\n", null, out error));
        }

        [TestMethod]
        [DataRow("[device]\nid = dev1\n[power]\nmode = nap\n", "line 4: mode in [power] is 'nap', expected always-on or sleep")]
        [DataRow("[device]\nid = dev1\n[sleep]\ninterval = 1m\nawake_max = 1m\n", "line 5: awake_max in [sleep] is '1m', expected a time under the interval (1m)")]
        [DataRow("[device]\nid = dev1\n[sleep]\ninterval = 5s\n", "line 4: interval in [sleep]")]
        [DataRow("[device]\nid = dev1\n[sleep]\nawake_max = 1s\n", "line 4: awake_max in [sleep]")]
        [DataRow("[device]\nid = dev1\n[homeassistant]\nprefix = home/assistant\n", "line 4: prefix in [homeassistant]")]
        [DataRow("[device]\nid = dev1\n[homeassistant]\ndiscovery = maybe\n", "line 4: discovery in [homeassistant]")]
        [DataRow("[device]\nid = dev1\n[board]\nstatus_led = 49\n", "line 4: status_led in [board]")]
        public void MalformedPowerAndDiscoveryKeysNameTheLine(string text, string expected)
        {
            string error;
            Assert.IsNull(DeviceConfig.Parse(text, null, out error));
            Assert.Contains(expected, error);
        }

        [TestMethod]
        [DataRow("[device]\nid = dev1\nthis line has no equals\n", "line 3: expected 'key = value'")]
        [DataRow("id = dev1\n", "line 1: 'id = dev1' comes before any [section]")]
        [DataRow("[device\nid = x\n", "line 1: a section header must end with ']'")]
        [DataRow("[device]\nid = a\nid = b\n", "line 3: key 'id' appears twice")]
        [DataRow("[device]\nid = dev1\n[device]\n", "line 3: section [device] appears twice")]
        [DataRow("[device]\nid = dev1\n[mqtt]\nkeepalive = soon\n", "line 4: keepalive in [mqtt] is 'soon'")]
        [DataRow("[device]\nid = dev1\n[mqtt]\nbrokers = host:99999\n", "line 4: brokers in [mqtt]")]
        [DataRow("[device]\nid = dev1\n[mqtt]\nprotocol = 4\n", "protocol")]
        [DataRow("[device]\nid = dev1\n[mqtt]\nkeepalive = 30s\nkeepalvie = 20s\n", "line 5: unknown key 'keepalvie' in [mqtt]")]
        [DataRow("[device]\nid = dev1\n[colour]\n", "line 3: unknown section [colour]")]
        [DataRow("[device]\nid = dev/1\n", "contains '/'")]
        [DataRow("[device]\nprefix = x\n", "[device] needs 'id'")]
        [DataRow("[device]\nid = dev1\n[sensor.climate]\ntype = bme/680\n", "line 4: type in [sensor.climate] is 'bme/680', expected input or a sensor type, e.g. bme280")]
        [DataRow("[device]\nid = dev1\n[sensor.door]\ntype = input\n", "needs 'pin'")]
        [DataRow("[device]\nid = dev1\n[sensor.Bad Name]\ntype = bh1750\n", "line 3: sensor name 'bad name'")]
        [DataRow("[device]\nid = dev1\n[actuator.relay1]\ntype = relay\npin = 26\nsafe = 50\n", "line 6: safe in [actuator.relay1] is '50', expected on or off")]
        [DataRow("[device]\nid = dev1\n[actuator.device]\ntype = relay\npin = 2\n", "taken by device commands")]
        [DataRow("[device]\nid = dev1\n[wifi]\npassword = oops\n", "passwords go in nf.secrets")]
        [DataRow("[device]\nid = dev1\n[watchdog]\noffline_reboot = 10s\n", "at least 1m")]
        public void MalformedConfigNamesTheLine(string text, string expected)
        {
            string error;
            DeviceConfig c = DeviceConfig.Parse(text, null, out error);
            Assert.IsNull(c);
            Assert.IsNotNull(error);
            Assert.StartsWith("nf.config ", error);
            Assert.Contains(expected, error);
        }

        [TestMethod]
        [DataRow("[device]\nid = dev1\n[outbox]\nmax_messages = 0\n", "line 4: max_messages in [outbox] is '0', expected a whole number from 1 to 10000")]
        [DataRow("[device]\nid = dev1\n[backoff]\nbase = 10s\ncap = 5s\n", "line 5: cap in [backoff] is '5s', expected at least the base (10s)")]
        [DataRow("[device]\nid = dev1\n[sleep]\ninterval = 20s\n", "line 3: [sleep] needs 'awake_max': a time under the interval (20s)")]
        public void TheOptionsRulesAreReportedAtTheKeysLine(string text, string expected)
        {
            string error;
            Assert.IsNull(DeviceConfig.Parse(text, null, out error));
            Assert.Contains(expected, error);
        }

        [TestMethod]
        public void MalformedSecretsAreReportedAsSuch()
        {
            string error;
            Assert.IsNull(DeviceConfig.Parse(Minimal, "[wifi]\npasword = x\n", out error));
            Assert.AreEqual("nf.secrets line 2: unknown key 'pasword' in [wifi]", error);
            Assert.IsNull(DeviceConfig.Parse(Minimal, "[aws]\nkey = x\n", out error));
            Assert.StartsWith("nf.secrets line 1: unknown section [aws]", error);
        }

        [TestMethod]
        [DataRow("broker.local", "broker.local", 1883)]
        [DataRow("10.0.0.1:8883", "10.0.0.1", 8883)]
        [DataRow("[fe80::1]:1884", "fe80::1", 1884)]
        public void ParsesBrokerEndpoints(string text, string host, int port)
        {
            string error;
            DeviceConfig c = DeviceConfig.Parse(Minimal + "[mqtt]\nbrokers = " + text + "\n", null, out error);
            Assert.IsNull(error);
            Assert.AreEqual(host, c.Supervisor.Endpoints[0].Host);
            Assert.AreEqual(port, c.Supervisor.Endpoints[0].Port);
        }

        [TestMethod]
        [DataRow("host:1883, ")]
        [DataRow("host:0")]
        [DataRow("host:abc")]
        [DataRow(":1883")]
        [DataRow("two words:1883")]
        public void RefusesBadBrokerEndpoints(string text)
        {
            string error;
            Assert.IsNull(DeviceConfig.Parse(Minimal + "[mqtt]\nbrokers = " + text + "\n", null, out error));
            Assert.Contains("line 4: brokers in [mqtt]", error);
        }
    }
}
