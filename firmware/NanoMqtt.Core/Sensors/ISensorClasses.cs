namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// Optional beside <see cref="ISensor"/>: a sensor whose quantities are not ours (a binding's CO2 or
    /// voltage) names each one's Home Assistant device class itself, so discovery needs no table entry.
    /// Our drivers' quantities (temperature, humidity, pressure, light) are classed by name.
    /// </summary>
    public interface ISensorClasses
    {
        /// <summary>Home Assistant's sensor device_class of the channel ("carbon_dioxide"), or null for none.</summary>
        string DeviceClass(int channel);
    }
}
