using NanoMqtt.Core.Sensors;
using NanoMqtt.Sensors;
using NanoMqtt.Sensors.Bindings;

namespace NanoMqtt.Device
{
    /// <summary>
    /// firmware/NanoMqtt.Device/SensorTypes.cs as it reads with both examples added: each binding registered
    /// with its channels (stream key, unit, decimals, Home Assistant device class) and the time a read may take.
    /// </summary>
    internal static class ExampleSensorTypes
    {
        public static SensorKinds All()
        {
            var kinds = new SensorKinds();
            BuiltInSensors.Register(kinds);
            kinds.Register("ds18b20", new BindingKind(new BindingThreads(), s => new Ds18b20Binding(s), 1000,
                new BindingChannel("temperature", "C", 2, "temperature")));
            var scd4x = new BindingKind(new BindingThreads(), s => new Scd4xBinding(s), 100,
                new BindingChannel("co2", "ppm", 0, "carbon_dioxide"),
                new BindingChannel("temperature", "C", 2, "temperature"),
                new BindingChannel("humidity", "%", 1, "humidity"));
            // ReadData checks no CRC and would hand back a frozen measurement: five identical reads are a fault.
            scd4x.StaleAfter = 5;
            kinds.Register("scd4x", scd4x);
            return kinds;
        }
    }
}
