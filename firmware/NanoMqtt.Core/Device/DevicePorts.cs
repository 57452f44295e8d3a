using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.HomeAssistant;
using NanoMqtt.Core.Platform;
using NanoMqtt.Core.Power;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Core.Device
{
    /// <summary>
    /// Everything a <see cref="FieldDevice"/> needs from the world outside the core. The ESP32 shell fills
    /// it with adapters over the nanoFramework libraries, the PC simulator with MQTTnet and models.
    /// </summary>
    public sealed class DevicePorts
    {
        public IMqttLink Mqtt;
        public INetworkLink Network;
        public IClock Clock;
        public IJitterSource Jitter;
        public ISettingsStore Settings;
        public IDevicePlatform Platform;
        public IHardwareFactory Hardware;

        /// <summary>The sensor types the [sensor.NAME] sections may name (our drivers, the user's bindings).</summary>
        public SensorKinds SensorKinds;

        /// <summary>
        /// Deep sleep for [power] mode = sleep (NanoMqtt.Sleep's DeepSleepMode); null on a mains board, or when the
        /// platform has none (a sleep config then stays awake and reports a config error).
        /// </summary>
        public ISleepMode Sleep;

        /// <summary>
        /// Home Assistant discovery (NanoMqtt.HomeAssistant's HomeAssistantDiscovery), set when [homeassistant] discovery
        /// is on or an earlier boot announced entities (the store holds DiscoveryOptions.StoreKey); else null.
        /// </summary>
        public IHomeAssistant HomeAssistant;

        /// <summary>
        /// True when this boot came from a power-on or a reset rather than a timer wake from deep sleep. In
        /// sleep mode the device then stays awake for [sleep] deploy_window, so that a deploy can reach it.
        /// </summary>
        public bool ColdBoot;
    }
}
