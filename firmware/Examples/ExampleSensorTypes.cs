using NanoMqtt.Core.Sensors;
using NanoMqtt.Sensors;

namespace NanoMqtt.Device
{
    /// <summary>
    /// firmware/NanoMqtt.Device/SensorTypes.cs as it reads with both examples added: one Register line each.
    /// </summary>
    internal static class ExampleSensorTypes
    {
        public static SensorKinds All()
        {
            var kinds = new SensorKinds();
            BuiltInSensors.Register(kinds);
            kinds.Register("ds18b20", Ds18b20Binding.Kind(new BindingThreads()));
            kinds.Register("scd4x", Scd4xBinding.Kind(new BindingThreads()));
            return kinds;
        }
    }
}
