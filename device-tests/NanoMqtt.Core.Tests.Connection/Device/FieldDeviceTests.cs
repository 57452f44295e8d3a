using NanoMqtt.Core.Config;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Device;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.HomeAssistant;
using NanoMqtt.Core.Sensors;
using NanoMqtt.Core.Tests.Fakes;
using NanoMqtt.Sensors;
using NanoMqtt.Sensors.Drivers;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Device
{
    /// <summary>
    /// The whole device as the ESP32 shell and the simulator run it: config in, MQTT out, fake hardware.
    /// </summary>
    [TestClass]
    public class FieldDeviceTests
    {
        private const string Config =
            TestConfig.Device +
            "[sensor.light]\ntype = bh1750\ninterval = 10s\nqos = 1\n" +
            "[actuator.relay1]\ntype = relay\npin = 26\ninverted = true\nsafe = off\nsafe_after = 1m\n";

        [TestMethod]
        public void ComesOnlinePublishesReadingsAndObeysACommand()
        {
            var rig = new DeviceRig(Config);
            rig.Light.EnqueueRead(new byte[] { 0x83, 0x90 });

            // Safe state at boot: the active-low relay is released (pin high).
            Assert.IsTrue(rig.Hardware.Output(26).High);

            rig.RunFor(1000);
            Assert.AreEqual((int)ConnectionState.Online, (int)rig.Device.Supervisor.State);
            Assert.AreEqual("nanomqtt/dev1/cmd/+", rig.Link.Subscriptions.Count > 0 ? ((string[])rig.Link.Subscriptions[0])[0] : null);
            FakePublish birth = rig.Last("nanomqtt/dev1/status");
            Assert.AreEqual("online", birth.Text);
            Assert.IsTrue(birth.Retain);
            Assert.AreEqual("offline", rig.Link.LastConnectRequest.WillTopic == "nanomqtt/dev1/status" ? "offline" : null);
            Assert.Contains("\"v\":28066.7,\"seq\":1", rig.Last("nanomqtt/dev1/telemetry/light").Text);
            Assert.Contains("\"fw\":\"" + FieldDevice.FirmwareVersion + "\"", rig.Last("nanomqtt/dev1/diag").Text);

            rig.Link.InjectMessage("nanomqtt/dev1/cmd/relay1", "{\"id\":\"c1\",\"value\":\"on\"}");
            rig.RunFor(100);
            Assert.IsFalse(rig.Hardware.Output(26).High, "inverted relay on = pin low");
            Assert.AreEqual("on", rig.Last("nanomqtt/dev1/state/relay1").Text);
            Assert.Contains("\"id\":\"c1\",\"ok\":true", rig.Last("nanomqtt/dev1/cmd/relay1/result").Text);
        }

        [TestMethod]
        public void DeviceCommandsReachTheSensorsAndTheSupervisor()
        {
            var rig = new DeviceRig(Config);
            rig.RunFor(1000);

            rig.Link.InjectMessage("nanomqtt/dev1/cmd/device", "interval light 30s");
            rig.RunFor(100);
            Assert.Contains("\"ok\":true", rig.Last("nanomqtt/dev1/cmd/device/result").Text);
            Assert.AreEqual("30000ms", rig.Settings.Read("interval.light"));
            // The light sensor writes its command at each sample: none until 30 s after the last one.
            int writes = rig.Light.Writes.Count;
            rig.RunFor(25000);
            Assert.AreEqual(writes, rig.Light.Writes.Count, "no sample at the old 10 s interval");
            rig.RunFor(10000);
            Assert.IsTrue(rig.Light.Writes.Count > writes, "sampled again at 30 s");

            int diags = rig.Link.PublishCountOn("nanomqtt/dev1/diag");
            rig.Link.InjectMessage("nanomqtt/dev1/cmd/device", "diag");
            rig.RunFor(100);
            Assert.AreEqual(diags + 1, rig.Link.PublishCountOn("nanomqtt/dev1/diag"));

            rig.Link.InjectMessage("nanomqtt/dev1/cmd/device", "reboot");
            rig.RunFor(3000);
            Assert.AreEqual(1, rig.Platform.RebootCount);
        }

        [TestMethod]
        public void PersistedSettingsSurviveAReboot()
        {
            var settings = new MemorySettingsStore();
            settings.Write("interval.light", "45s");
            var rig = new DeviceRig(Config, settings);
            rig.RunFor(1000);
            int writes = rig.Light.Writes.Count;
            Assert.IsTrue(writes > 0, "sampled at boot");
            rig.RunFor(40000);
            Assert.AreEqual(writes, rig.Light.Writes.Count, "no sample within the stored 45 s");
            rig.RunFor(10000);
            Assert.IsTrue(rig.Light.Writes.Count > writes, "sampled again at 45 s");
        }

        [TestMethod]
        public void HardwareThatCannotBeOpenedIsReportedOnceOnline()
        {
            var rig = new DeviceRig(Config, new MemorySettingsStore(), true);
            rig.RunFor(1000);
            Assert.AreEqual((int)ConnectionState.Online, (int)rig.Device.Supervisor.State);
            Assert.IsTrue(rig.Published("nanomqtt/dev1/error", "{\"code\":\"hardware_error\",\"msg\":\"actuator relay1: GPIO 26 could not be opened\"}"));
            Assert.IsTrue(rig.Published("nanomqtt/dev1/error", "{\"code\":\"sensor_fault\",\"msg\":\"light: no ACK at 0x23\"}"));
            Assert.IsNull(rig.Device.Actuators.Find("relay1"));
        }

        [TestMethod]
        public void AnAbsentSensorIsAFaultNotACrash()
        {
            var rig = new DeviceRig(TestConfig.Device + "[sensor.light]\ntype = bme280\n");
            rig.RunFor(1000);
            Assert.Contains("\"code\":\"sensor_fault\"", rig.Last("nanomqtt/dev1/error").Text);
            Assert.Contains("\"sensor_faults\":[\"light\"]", rig.Last("nanomqtt/dev1/diag").Text);
            Assert.AreEqual((int)ConnectionState.Online, (int)rig.Device.Supervisor.State);
        }

        [TestMethod]
        public void ASensorTypeTheFirmwareDoesNotKnowIsAConfigErrorAndTheRestRuns()
        {
            var rig = new DeviceRig(Config + "[sensor.air]\ntype = scd4x\n");
            rig.Light.EnqueueRead(new byte[] { 0x83, 0x90 });
            rig.RunFor(1000);
            Assert.IsTrue(rig.Published("nanomqtt/dev1/error",
                "{\"code\":\"config_error\",\"msg\":\"sensor air: unknown type 'scd4x' (this firmware knows: bme280, sht3x, bh1750)\"}"));
            Assert.Contains("\"v\":28066.7", rig.Last("nanomqtt/dev1/telemetry/light").Text);
            Assert.IsNull(rig.Last("nanomqtt/dev1/telemetry/air"));
        }

        [TestMethod]
        public void ARefusedRegistrationOrATypeThatThrowsIsReportedAndTheRestRuns()
        {
            SensorKinds kinds = BuiltInSensors.Registry();
            kinds.Register("broken", new ThrowingKind());
            kinds.Register("bh1750", new ThrowingKind());
            var rig = new DeviceRig(Config + "[sensor.tank]\ntype = broken\n", kinds);
            rig.Light.EnqueueRead(new byte[] { 0x83, 0x90 });
            rig.RunFor(1000);
            Assert.IsTrue(rig.Published("nanomqtt/dev1/error", "{\"code\":\"config_error\",\"msg\":\"sensor type 'bh1750' is taken or has no kind\"}"),
                "a refused registration is reported; the first registration stays");
            Assert.IsTrue(rig.Published("nanomqtt/dev1/error", "{\"code\":\"hardware_error\",\"msg\":\"sensor tank: pin -1 is no GPIO\"}"));
            Assert.Contains("\"v\":28066.7", rig.Last("nanomqtt/dev1/telemetry/light").Text);
        }

        private sealed class ThrowingKind : ISensorKind
        {
            public ISensor Create(SensorConfig config, IHardwareFactory hardware)
            {
                throw new System.ArgumentException("pin " + config.Pin + " is no GPIO");
            }
        }

        [TestMethod]
        public void SleepModeWithoutTheSleepLibraryIsAConfigErrorAndTheDeviceStaysAwake()
        {
            // DeviceRig composes no sleep port: a build without NanoMqtt.Sleep.
            var rig = new DeviceRig(Config + "[power]\nmode = sleep\n");
            rig.Light.EnqueueRead(new byte[] { 0x83, 0x90 });
            rig.RunFor(1000);
            Assert.IsTrue(rig.Published("nanomqtt/dev1/error",
                "{\"code\":\"config_error\",\"msg\":\"mode = sleep, but this build has no NanoMqtt.Sleep: staying awake\"}"));
            Assert.IsNull(rig.Device.Wake);
            Assert.IsFalse(rig.Device.IsAsleep);
            Assert.Contains("\"v\":28066.7", rig.Last("nanomqtt/dev1/telemetry/light").Text);
        }

        [TestMethod]
        public void DiscoveryWithoutTheHomeAssistantLibraryIsAConfigErrorAndTheDeviceRunsOn()
        {
            var rig = new DeviceRig(Config + "[homeassistant]\ndiscovery = true\n", new MemorySettingsStore(), false, BuiltInSensors.Registry(), false);
            rig.Light.EnqueueRead(new byte[] { 0x83, 0x90 });
            rig.RunFor(1000);
            Assert.IsTrue(rig.Published("nanomqtt/dev1/error",
                "{\"code\":\"config_error\",\"msg\":\"discovery = true, but this build has no NanoMqtt.HomeAssistant: not announced\"}"));
            Assert.IsNull(rig.Device.Discovery);
            Assert.IsNull(rig.Settings.Read(DiscoveryOptions.StoreKey), "nothing announced");
            Assert.Contains("\"v\":28066.7", rig.Last("nanomqtt/dev1/telemetry/light").Text);
        }

        [TestMethod]
        public void TheActuatorFailsSafeAfterItsTimeOffline()
        {
            var rig = new DeviceRig(Config);
            rig.RunFor(1000);
            rig.Link.InjectMessage("nanomqtt/dev1/cmd/relay1", "on");
            rig.RunFor(100);
            Assert.IsFalse(rig.Hardware.Output(26).High);

            rig.Link.AutoConnect = false;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunFor(59000);
            Assert.IsFalse(rig.Hardware.Output(26).High, "still on inside safe_after");
            rig.RunFor(2000);
            Assert.IsTrue(rig.Hardware.Output(26).High, "released after a minute without a broker");
        }

        [TestMethod]
        public void ShutdownSaysOfflineBeforeItDisconnects()
        {
            var rig = new DeviceRig(Config);
            rig.RunFor(1000);
            rig.Device.Supervisor.Shutdown(null);
            rig.RunFor(100);
            Assert.AreEqual("offline", rig.Last("nanomqtt/dev1/status").Text);
            Assert.AreEqual(1, rig.Link.DisconnectCount);
        }
    }

    /// <summary>A FieldDevice on fakes, stepped as the shell steps it: at each wake time.</summary>
    internal sealed class DeviceRig : FieldDeviceRig
    {
        public DeviceRig(string config) : this(config, new MemorySettingsStore(), false)
        {
        }

        public DeviceRig(string config, MemorySettingsStore settings) : this(config, settings, false)
        {
        }

        public DeviceRig(string config, MemorySettingsStore settings, bool refuseHardware) : this(config, settings, refuseHardware, BuiltInSensors.Registry())
        {
        }

        public DeviceRig(string config, SensorKinds kinds) : this(config, new MemorySettingsStore(), false, kinds)
        {
        }

        public DeviceRig(string config, MemorySettingsStore settings, bool refuseHardware, SensorKinds kinds) : this(config, settings, refuseHardware, kinds, true)
        {
        }

        /// <param name="homeAssistant">False for a build without the Home Assistant library.</param>
        public DeviceRig(string config, MemorySettingsStore settings, bool refuseHardware, SensorKinds kinds, bool homeAssistant) : base(1000, settings)
        {
            Hardware.RefuseAll = refuseHardware;
            Kinds = kinds;
            Compose(config, null, false, homeAssistant);
        }

        /// <summary>Steps the device at every wake time it asks for, until ms have passed.</summary>
        public void RunFor(long ms)
        {
            long end = Clock.NowMs + ms;
            while (true)
            {
                long next = Device.Step(Clock.NowMs);
                if (next <= Clock.NowMs)
                {
                    next = Clock.NowMs + 1;
                }

                if (next > end)
                {
                    Clock.NowMs = end;
                    Device.Step(end);
                    return;
                }

                Clock.NowMs = next;
            }
        }

        public bool Published(string topic, string text)
        {
            for (int i = 0; i < Link.Publishes.Count; i++)
            {
                var p = (FakePublish)Link.Publishes[i];
                if (p.Topic == topic && p.Text == text)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
