using NanoMqtt.Core.Config;
using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// One value of a [sensor.NAME] section's type key: makes the sensor that section describes. Our own
    /// drivers (NanoMqtt.Sensors) and a user's nanoFramework.IoT.Device bindings are both kinds, registered in
    /// the one <see cref="SensorKinds"/> the device is built with.
    /// </summary>
    public interface ISensorKind
    {
        /// <summary>
        /// The sensor of one section (its address and pin are in config). Never null: a bus or pin the
        /// hardware cannot open becomes a sensor that faults, so it is reported and retried like any other.
        /// </summary>
        ISensor Create(SensorConfig config, IHardwareFactory hardware);
    }
}
