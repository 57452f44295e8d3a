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
            // Your bindings here, each on its own worker thread, e.g.
            // kinds.Register("ds18b20", Ds18b20Binding.Kind(new BindingThreads()));
            return kinds;
        }
    }
}
