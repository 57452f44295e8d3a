using NanoMqtt.Core.Sensors;
using NanoMqtt.Sensors;

namespace NanoMqtt.Device
{
    /// <summary>
    /// The one place where this firmware's sensor types are registered: the drivers NanoMqtt ships, then
    /// your nanoFramework.IoT.Device bindings, one Register line each (README, "Add your own sensor";
    /// worked examples in firmware/Examples). A [sensor.NAME] section names one of these as its type.
    /// </summary>
    internal static class SensorTypes
    {
        public static SensorKinds All()
        {
            var kinds = new SensorKinds();
            BuiltInSensors.Register(kinds);
            // Your bindings here, each with its channels, on worker threads (firmware/Examples/ExampleSensorTypes.cs).
            return kinds;
        }
    }
}
