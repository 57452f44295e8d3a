using NanoMqtt.Core.Config;
using NanoMqtt.Core.Device;
using NanoMqtt.Core.Platform;
using NanoMqtt.Core.Sensors;
using NanoMqtt.Core.Tests.Fakes;
using NanoMqtt.Sensors;
using NanoMqtt.Sensors.Drivers;
using NanoMqtt.HomeAssistant;
using NanoMqtt.Sleep;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Device
{
    /// <summary>
    /// A FieldDevice's fakes (link, network, BH1750 on the I2C bus, platform, storage, clock) and the boot
    /// that composes them as the shell composes the real ports. The rigs differ only in how they step it.
    /// </summary>
    internal abstract class FieldDeviceRig
    {
        public readonly FakeClock Clock;
        public readonly FakeMqttLink Link = new FakeMqttLink();
        public readonly FakeNetworkLink Network = new FakeNetworkLink(true);
        public readonly FakeHardwareFactory Hardware = new FakeHardwareFactory();
        public readonly FakeDevicePlatform Platform = new FakeDevicePlatform();
        public readonly FakeI2cBus Light = new FakeI2cBus(Bh1750.DefaultAddress);
        public readonly MemorySettingsStore Settings;

        /// <summary>The sensor types the device is built with; a test adds its own bindings.</summary>
        public SensorKinds Kinds = BuiltInSensors.Registry();
        public FieldDevice Device;

        protected FieldDeviceRig(long startMs, MemorySettingsStore settings)
        {
            Clock = new FakeClock(startMs);
            Settings = settings == null ? new MemorySettingsStore() : settings;
            Hardware.Attach(Light);
        }

        /// <summary>Parses the config (it must be valid) and builds the device on the fakes.</summary>
        /// <param name="homeAssistant">False for a build without the Home Assistant library.</param>
        protected FieldDevice Compose(string config, IDeepSleep sleep, bool coldBoot, bool homeAssistant)
        {
            string error;
            DeviceConfig parsed = DeviceConfig.Parse(config, null, out error);
            Assert.IsNull(error);
            var ports = new DevicePorts();
            ports.Mqtt = Link;
            ports.Network = Network;
            ports.Clock = Clock;
            ports.Jitter = FakeJitter.AlwaysZero();
            ports.Settings = Settings;
            ports.Platform = Platform;
            ports.Hardware = Hardware;
            ports.SensorKinds = Kinds;
            // As the shell does: the sleep library only when there is a deep sleep to drive.
            ports.Sleep = sleep == null ? null : new DeepSleepMode(sleep);
            // As the shell does: the Home Assistant library whenever the build has it.
            if (homeAssistant)
            {
                ports.HomeAssistant = new HomeAssistantDiscovery();
            }

            ports.ColdBoot = coldBoot;
            Device = new FieldDevice(parsed, ports);
            return Device;
        }

        /// <summary>The last message published on the topic, or null.</summary>
        public FakePublish Last(string topic)
        {
            return Link.LastPublishOn(topic);
        }
    }
}
