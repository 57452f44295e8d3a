using NanoMqtt.HomeAssistant;
using NanoMqtt.Core.HomeAssistant;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using NanoMqtt.Core.Tests.Power;
using NanoMqtt.Sensors.Bindings;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.HomeAssistant
{
    /// <summary>
    /// Home Assistant discovery as a whole device publishes it. The keys checked are those the Home
    /// Assistant MQTT docs list for each platform (sensor.mqtt, binary_sensor.mqtt, switch.mqtt,
    /// light.mqtt, number.mqtt) and for the device block and availability (the mqtt integration page),
    /// in the abbreviated form discovery accepts, with our topics under the "~" base.
    /// </summary>
    [TestClass]
    public class DiscoveryTests
    {
        private const string Base = TestConfig.Device + "[homeassistant]\ndiscovery = true\n";

        private const string Hardware =
            "[sensor.climate]\ntype = bme280\ninterval = 10s\n" +
            "[sensor.door]\ntype = input\npin = 4\n" +
            "[actuator.relay1]\ntype = relay\npin = 26\n" +
            "[actuator.lamp]\ntype = led\npin = 2\n" +
            "[actuator.fan]\ntype = pwm\npin = 5\n";

        private const string Full = Base + Hardware;

        private const string SensorTopic = "homeassistant/sensor/nanomqtt_dev1/climate_temperature/config";

        [TestMethod]
        public void EverySensorStreamIsASensorWithItsClassUnitAndOurTopics()
        {
            var rig = Online(Full, null);
            string json = Config(rig, SensorTopic);
            Assert.AreEqual("climate_temperature", Field(json, "name"));
            Assert.AreEqual("nanomqtt_dev1_sensor_climate_temperature", Field(json, "uniq_id"));
            Assert.AreEqual("~/telemetry/climate", Field(json, "stat_t"));
            Assert.AreEqual("{{ value_json.temperature }}", Field(json, "val_tpl"));
            Assert.AreEqual("temperature", Field(json, "dev_cla"));
            Assert.AreEqual("\u00B0C", Field(json, "unit_of_meas"));
            Assert.AreEqual("measurement", Field(json, "stat_cla"));
            Assert.IsNull(Field(json, "exp_aft"), "an always-on device has its will");
            AssertAvailabilityAndDevice(json);

            json = Config(rig, "homeassistant/sensor/nanomqtt_dev1/climate_humidity/config");
            Assert.AreEqual("~/telemetry/climate", Field(json, "stat_t"));
            Assert.AreEqual("{{ value_json.humidity }}", Field(json, "val_tpl"));
            Assert.AreEqual("humidity", Field(json, "dev_cla"));
            Assert.AreEqual("%", Field(json, "unit_of_meas"));
            json = Config(rig, "homeassistant/sensor/nanomqtt_dev1/climate_pressure/config");
            Assert.AreEqual("pressure", Field(json, "dev_cla"));
            Assert.AreEqual("hPa", Field(json, "unit_of_meas"));

            json = Config(rig, "homeassistant/binary_sensor/nanomqtt_dev1/door/config");
            Assert.AreEqual("~/telemetry/door", Field(json, "stat_t"));
            Assert.AreEqual("{{ value_json.v }}", Field(json, "val_tpl"));
            Assert.AreEqual("1", Field(json, "pl_on"));
            Assert.AreEqual("0", Field(json, "pl_off"));
            AssertAvailabilityAndDevice(json);
        }

        [TestMethod]
        public void ABindingIsAnnouncedWithTheClassAndUnitItDeclares()
        {
            var rig = new WakeRig(Base + "[sensor.air]\ntype = scd4x\n", null);
            rig.Kinds.Register("scd4x", new BindingKind(new InlineBindingHost(), FixedReader.Open, 10,
                new BindingChannel("co2", "ppm", 0, "carbon_dioxide"),
                new BindingChannel("temperature", "C", 2, "temperature")));
            rig.Boot();
            rig.RunUntil(1000);

            string json = Config(rig, "homeassistant/sensor/nanomqtt_dev1/air_co2/config");
            Assert.AreEqual("carbon_dioxide", Field(json, "dev_cla"));
            Assert.AreEqual("ppm", Field(json, "unit_of_meas"));
            Assert.AreEqual("{{ value_json.co2 }}", Field(json, "val_tpl"));
            json = Config(rig, "homeassistant/sensor/nanomqtt_dev1/air_temperature/config");
            Assert.AreEqual("temperature", Field(json, "dev_cla"));
            Assert.AreEqual("\u00B0C", Field(json, "unit_of_meas"));
            Assert.Contains("\"co2\":640,\"temperature\":22.50", rig.Last("nanomqtt/dev1/telemetry/air").Text);
        }

        [TestMethod]
        public void IlluminanceIsInLux()
        {
            var rig = Online(Base + "[sensor.light]\ntype = bh1750\n", null);
            string json = Config(rig, "homeassistant/sensor/nanomqtt_dev1/light/config");
            Assert.AreEqual("illuminance", Field(json, "dev_cla"));
            Assert.AreEqual("lx", Field(json, "unit_of_meas"));
        }

        [TestMethod]
        public void ActuatorsAreASwitchALightAndANumberOnOurCommandAndStateTopics()
        {
            var rig = Online(Full, null);
            string json = Config(rig, "homeassistant/switch/nanomqtt_dev1/relay1/config");
            Assert.AreEqual("~/cmd/relay1", Field(json, "cmd_t"));
            Assert.AreEqual("~/state/relay1", Field(json, "stat_t"));
            Assert.AreEqual("on", Field(json, "pl_on"));
            Assert.AreEqual("off", Field(json, "pl_off"));
            Assert.AreEqual("false", Field(json, "ret"), "our router refuses retained commands");
            AssertAvailabilityAndDevice(json);

            json = Config(rig, "homeassistant/light/nanomqtt_dev1/lamp/config");
            Assert.AreEqual("~/cmd/lamp", Field(json, "cmd_t"));
            Assert.AreEqual("~/state/lamp", Field(json, "stat_t"));
            Assert.AreEqual("on", Field(json, "pl_on"));
            AssertAvailabilityAndDevice(json);

            json = Config(rig, "homeassistant/number/nanomqtt_dev1/fan/config");
            Assert.AreEqual("~/cmd/fan", Field(json, "cmd_t"));
            Assert.AreEqual("~/state/fan", Field(json, "stat_t"));
            Assert.AreEqual("0", Field(json, "min"));
            Assert.AreEqual("100", Field(json, "max"));
            Assert.AreEqual("%", Field(json, "unit_of_meas"));
            AssertAvailabilityAndDevice(json);

            // What Home Assistant sends on the command topic is understood by the router.
            rig.Link.InjectMessage("nanomqtt/dev1/cmd/relay1", "on");
            rig.Link.InjectMessage("nanomqtt/dev1/cmd/fan", "37.0");
            rig.RunUntil(rig.Clock.NowMs + 200);
            Assert.AreEqual("on", rig.Last("nanomqtt/dev1/state/relay1").Text);
            Assert.AreEqual("37", rig.Last("nanomqtt/dev1/state/fan").Text);
        }

        [TestMethod]
        public void TheUniqueIdsAndPayloadsAreTheSameAfterAReboot()
        {
            var first = Online(Full, null);
            var second = Online(Full, first.Settings);
            Assert.AreEqual(Config(first, SensorTopic), Config(second, SensorTopic));
            Assert.AreEqual(Config(first, "homeassistant/number/nanomqtt_dev1/fan/config"), Config(second, "homeassistant/number/nanomqtt_dev1/fan/config"));
            Assert.AreEqual(0, second.Link.PublishCountOn("homeassistant/sensor/nanomqtt_dev1/climate_temperature/config") - 1);
        }

        [TestMethod]
        public void ConfigsAreRetainedAtQos1AndTheBirthTopicIsSubscribed()
        {
            var rig = Online(Full, null);
            FakePublish p = rig.Last(SensorTopic);
            Assert.IsTrue(p.Retain);
            Assert.AreEqual(1, p.Qos);
            var filters = (string[])rig.Link.Subscriptions[0];
            Assert.AreEqual(2, filters.Length);
            Assert.AreEqual("nanomqtt/dev1/cmd/+", filters[0]);
            Assert.AreEqual("homeassistant/status", filters[1]);
            Assert.AreEqual(7, Configs(rig, false), "one config per entity");
        }

        [TestMethod]
        public void HomeAssistantsBirthBringsTheConfigsAgainButARetainedOneDoesNot()
        {
            var rig = Online(Full, null);
            long ignoredBefore = rig.Device.Commands.Ignored;
            rig.Link.InjectMessage("homeassistant/status", "online", true);
            rig.Link.InjectMessage("homeassistant/status", "offline");
            rig.RunUntil(rig.Clock.NowMs + 3000);
            Assert.AreEqual(1, rig.Link.PublishCountOn(SensorTopic));

            rig.Link.InjectMessage("homeassistant/status", "online");
            rig.RunUntil(rig.Clock.NowMs + 3000);
            Assert.AreEqual(2, rig.Link.PublishCountOn(SensorTopic));
            Assert.AreEqual(2, rig.Link.PublishCountOn("homeassistant/switch/nanomqtt_dev1/relay1/config"));
            Assert.AreEqual(14, Configs(rig, false), "two announcements of the 7 entities");
            Assert.AreEqual(ignoredBefore, rig.Device.Commands.Ignored, "Home Assistant's status is not a command");
        }

        [TestMethod]
        public void ASensorRemovedFromTheConfigGetsAnEmptyRetainedConfig()
        {
            var first = Online(Full, null);
            Assert.AreEqual(1, first.Link.PublishCountOn("homeassistant/binary_sensor/nanomqtt_dev1/door/config"));

            string withoutDoor = Base + "[sensor.climate]\ntype = bme280\n[actuator.relay1]\ntype = relay\npin = 26\n[actuator.lamp]\ntype = led\npin = 2\n[actuator.fan]\ntype = pwm\npin = 5\n";
            var second = Online(withoutDoor, first.Settings);
            FakePublish removal = second.Last("homeassistant/binary_sensor/nanomqtt_dev1/door/config");
            Assert.IsNotNull(removal);
            Assert.AreEqual(0, removal.Payload.Length);
            Assert.IsTrue(removal.Retain);
            Assert.AreEqual(1, Configs(second, true));

            // Only once: the stored list no longer names it.
            var third = Online(withoutDoor, second.Settings);
            Assert.AreEqual(0, third.Link.PublishCountOn("homeassistant/binary_sensor/nanomqtt_dev1/door/config"));
        }

        [TestMethod]
        public void TurningDiscoveryOffRemovesTheDeviceFromHomeAssistant()
        {
            var first = Online(Full, null);
            string off = TestConfig.Device + "[homeassistant]\ndiscovery = false\n" + Hardware;
            var second = Online(off, first.Settings);
            Assert.AreEqual(0, second.Last(SensorTopic).Payload.Length);
            Assert.AreEqual(0, second.Last("homeassistant/number/nanomqtt_dev1/fan/config").Payload.Length);
            Assert.AreEqual(7, Configs(second, true));
            Assert.AreEqual(1, ((string[])second.Link.Subscriptions[0]).Length, "no birth subscription when off");
            Assert.IsNull(second.Settings.Read(DiscoveryOptions.StoreKey));

            var third = Online(off, second.Settings);
            Assert.IsNull(third.Device.Discovery);
        }

        [TestMethod]
        public void ASleepingDeviceStaysAvailableAndItsReadingsExpireIfItStopsWaking()
        {
            string config = SleepCycleTests.Config + "[homeassistant]\ndiscovery = true\n";
            var rig = new WakeRig(config, null);
            rig.Light.EnqueueRead(new byte[] { 0x83, 0x90 });
            rig.Boot();
            Assert.IsTrue(rig.RunUntilAsleep(30000));
            string json = Config(rig, "homeassistant/sensor/nanomqtt_dev1/light/config");
            // Two intervals of 10 min and the 20 s awake bound.
            Assert.AreEqual("1220", Field(json, "exp_aft"));
            int config1 = rig.LogIndexStarting("publish homeassistant/sensor/nanomqtt_dev1/light/config", 0);
            Assert.IsTrue(config1 >= 0 && config1 < rig.LogIndex("publish nanomqtt/dev1/status sleeping", 0));

            // Next wake, session kept by the broker, nothing changed: no configs, less time awake.
            var next = new WakeRig(config, rig.Settings);
            next.Light.EnqueueRead(new byte[] { 0x83, 0x90 });
            next.Link.SessionPresentOnConnect = true;
            next.Boot();
            Assert.IsTrue(next.RunUntilAsleep(30000));
            Assert.AreEqual(0, next.Link.PublishCountOn("homeassistant/sensor/nanomqtt_dev1/light/config"));

            // The broker lost the session (and so, likely, the retained configs): announce again.
            var lost = new WakeRig(config, rig.Settings);
            lost.Light.EnqueueRead(new byte[] { 0x83, 0x90 });
            lost.Boot();
            Assert.IsTrue(lost.RunUntilAsleep(30000));
            Assert.AreEqual(1, lost.Link.PublishCountOn("homeassistant/sensor/nanomqtt_dev1/light/config"));
        }

        [TestMethod]
        public void ConfigsWaitForRoomInTheOutboxInsteadOfPushingMessagesOut()
        {
            var rig = new WakeRig(Full + "[outbox]\nmax_messages = 6\n", null);
            rig.Link.AutoAck = false;
            rig.Boot();
            rig.RunUntil(1000);
            Assert.IsTrue(rig.Device.Supervisor.IsOnline);
            Assert.AreEqual(6, rig.Device.Supervisor.Outbox.Count);
            Assert.IsFalse(rig.Device.Discovery.Done);
            Assert.AreEqual(0L, rig.Device.Supervisor.Outbox.Dropped);

            for (int i = 0; i < 10 && !rig.Device.Discovery.Done; i++)
            {
                rig.Link.AckAll();
                rig.RunUntil(rig.Clock.NowMs + 100);
            }

            Assert.IsTrue(rig.Device.Discovery.Done);
            Assert.AreEqual(7, Configs(rig, false));
            Assert.AreEqual(0L, rig.Device.Supervisor.Outbox.Dropped);
        }

        [TestMethod]
        public void NodeIdsKeepToTheCharactersHomeAssistantAllows()
        {
            Assert.AreEqual("farm_shed_1-a", DiscoveryPublisher.NodeId("farm", "shed.1-a"));
            Assert.AreEqual("x_a_b_c", DiscoveryPublisher.NodeId("x", "a:b\u00E9c"));
        }

        /// <summary>Runs a read when asked, on the step thread: enough for a binding that never blocks.</summary>
        private sealed class InlineBindingHost : IBindingHost, IBindingWorker
        {
            private BindingMailbox _mailbox;

            public IBindingWorker Start(BindingMailbox mailbox)
            {
                _mailbox = mailbox;
                return this;
            }

            public void Wake()
            {
                _mailbox.RunPending();
            }
        }

        private sealed class FixedReader : IBindingReader
        {
            public static IBindingReader Open(NanoMqtt.Core.Config.SensorConfig config)
            {
                return new FixedReader();
            }

            public bool Read(double[] values)
            {
                values[0] = 640;
                values[1] = 22.5;
                return true;
            }
        }

        private static void AssertAvailabilityAndDevice(string json)
        {
            Assert.AreEqual("nanomqtt/dev1", Field(json, "~"));
            Assert.AreEqual("~/status", Field(json, "avty_t"));
            Assert.AreEqual("online", Field(json, "pl_avail"));
            Assert.AreEqual("offline", Field(json, "pl_not_avail"));
            Assert.AreEqual(DiscoveryPublisher.AvailabilityTemplate, Field(json, "avty_tpl"));
            Assert.AreEqual("1", Field(json, "qos"));
            Assert.AreEqual("nanomqtt_dev1", Field(json, "ids", "dev"));
            Assert.AreEqual(NanoMqtt.Core.Device.FieldDevice.FirmwareVersion, Field(json, "sw", "o"));
            Assert.AreEqual("dev1", Field(json, "name", "dev"));
            Assert.AreEqual("NanoMqtt ESP32_REV3", Field(json, "mdl", "dev"));
            Assert.AreEqual("NanoMqtt", Field(json, "mf", "dev"));
            Assert.AreEqual(NanoMqtt.Core.Device.FieldDevice.FirmwareVersion, Field(json, "sw", "dev"));
            Assert.AreEqual("NanoMqtt", Field(json, "name", "o"));
        }

        private static WakeRig Online(string config, MemorySettingsStore settings)
        {
            var rig = new WakeRig(config, settings);
            rig.Boot();
            rig.RunUntil(1000);
            Assert.IsTrue(rig.Device.Supervisor.IsOnline);
            return rig;
        }

        /// <summary>Discovery configs the broker received (removals: the empty ones), as Home Assistant counts them.</summary>
        private static int Configs(WakeRig rig, bool removals)
        {
            int n = 0;
            for (int i = 0; i < rig.Link.Publishes.Count; i++)
            {
                var p = (FakePublish)rig.Link.Publishes[i];
                if (p.Topic.StartsWith("homeassistant/") && p.Topic.EndsWith("/config") && (p.Payload.Length == 0) == removals)
                {
                    n++;
                }
            }

            return n;
        }

        private static string Config(WakeRig rig, string topic)
        {
            FakePublish p = rig.Last(topic);
            Assert.IsNotNull(p, "nothing published on " + topic);
            return p.Text;
        }

        private static string Field(string json, string name)
        {
            return Field(json, name, null);
        }

        /// <summary>
        /// The value of a top-level member (or of a member of the top-level object named parent) as text:
        /// strings unescaped, numbers and literals as written; null when absent. The config is a flat object
        /// but for its "dev" and "o" objects: each part is read on its own with the flat reader, which fails
        /// on anything else nested or malformed.
        /// </summary>
        private static string Field(string json, string name, string parent)
        {
            string top;
            string dev = Cut(json, "dev", out top);
            string origin = Cut(top, "o", out top);
            string part = parent == null ? top : parent == "dev" ? dev : parent == "o" ? origin : null;
            Assert.IsNotNull(part, "no " + parent + " object in " + json);
            var r = new JsonReader(4096);
            char[] chars = part.ToCharArray();
            r.Reset(chars, 0, chars.Length);
            char[] wanted = name.ToCharArray();
            string found = null;
            while (r.Next())
            {
                if (found != null || !r.NameIs(wanted))
                {
                    continue;
                }

                if (r.Kind == JsonKind.String || r.Kind == JsonKind.Number)
                {
                    found = new string(r.ValueChars, r.ValueStart, r.ValueLength);
                }
                else if (r.Kind == JsonKind.True || r.Kind == JsonKind.False)
                {
                    found = r.Kind == JsonKind.True ? "true" : "false";
                }
            }

            Assert.IsNull(r.Error, "invalid JSON: " + r.Error + " in " + part);
            Assert.AreNotEqual((int)JsonKind.Nested, (int)r.Kind, "unexpected nesting in " + part);
            return found;
        }

        /// <summary>The object value of the top-level member name (null when absent); rest is json without that member.</summary>
        private static string Cut(string json, string name, out string rest)
        {
            rest = json;
            int at = json.IndexOf("\"" + name + "\":{");
            if (at < 0)
            {
                return null;
            }

            // To the brace that closes the object, skipping strings (no nested objects in ours).
            char[] chars = json.ToCharArray();
            int start = at + name.Length + 3;
            int end = start + 1;
            bool inString = false;
            while (end < chars.Length && (inString || chars[end] != '}'))
            {
                if (chars[end] == '\\' && inString)
                {
                    end++;
                }
                else if (chars[end] == '"')
                {
                    inString = !inString;
                }

                end++;
            }

            // The member goes with the comma before it (it is never first in our configs).
            int from = at > 0 && chars[at - 1] == ',' ? at - 1 : at;
            rest = json.Substring(0, from) + json.Substring(end + 1);
            return json.Substring(start, end + 1 - start);
        }
    }
}
