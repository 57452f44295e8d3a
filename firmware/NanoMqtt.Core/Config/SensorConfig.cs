using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Core.Config
{
    /// <summary>
    /// One [sensor.NAME] section of nf.config: how the sensor is wired, and the options the sensor schedule
    /// takes as they are.
    /// </summary>
    public sealed class SensorConfig
    {
        public const string Input = "input";

        /// <summary>"input", or the name a sensor kind is registered under (<see cref="SensorKinds"/>).</summary>
        public string Type;

        /// <summary>7-bit I2C address; 0 means the driver's default.</summary>
        public int Address;

        /// <summary>GPIO of an input, or of a binding's own bus (a 1-Wire pin); -1 when not used.</summary>
        public int Pin = -1;

        /// <summary>An input's pull-up: the switch then pulls the pin to ground, so low is active.</summary>
        public bool PullUp = true;

        /// <summary>
        /// Every type's keys (interval, qos, retain, deadband, heartbeat, median): a polled sensor is added with
        /// these. An input takes its qos and retain from them, so their defaults are the same for every type.
        /// </summary>
        public SensorOptions Options;

        /// <summary>The digital input's options (type = input), else null.</summary>
        public DigitalInputOptions InputOptions;

        /// <summary>The section's NAME, as <see cref="SensorOptions.Name"/>.</summary>
        public string Name;
    }
}
