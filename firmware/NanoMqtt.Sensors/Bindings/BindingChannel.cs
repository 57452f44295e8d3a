namespace NanoMqtt.Sensors.Bindings
{
    /// <summary>
    /// One quantity a binding gives: its stream key, its unit, the decimals it is published with, and its
    /// Home Assistant device class. Discovery and the docs take these as they are.
    /// </summary>
    public sealed class BindingChannel
    {
        public readonly string Name;
        public readonly string Unit;
        public readonly int Decimals;

        /// <summary>Home Assistant's sensor device_class ("temperature", "carbon_dioxide"), or null.</summary>
        public readonly string DeviceClass;

        public BindingChannel(string name, string unit, int decimals, string deviceClass)
        {
            Name = name;
            Unit = unit;
            Decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
            DeviceClass = deviceClass;
        }
    }
}
