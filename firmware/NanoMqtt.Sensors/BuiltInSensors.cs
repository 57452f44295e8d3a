using NanoMqtt.Core.Config;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Sensors
{
    /// <summary>
    /// The sensor types NanoMqtt ships drivers for, each opened on the I2C address its section gives (or the
    /// chip's default). Every shell registers them before its own bindings.
    /// </summary>
    public sealed class BuiltInSensors : ISensorKind
    {
        public const string Bme280 = "bme280";
        public const string Sht3x = "sht3x";
        public const string Bh1750 = "bh1750";

        private readonly string _type;

        private BuiltInSensors(string type)
        {
            _type = type;
        }

        /// <summary>Adds bme280, sht3x and bh1750 to kinds.</summary>
        public static void Register(SensorKinds kinds)
        {
            kinds.Register(Bme280, new BuiltInSensors(Bme280));
            kinds.Register(Sht3x, new BuiltInSensors(Sht3x));
            kinds.Register(Bh1750, new BuiltInSensors(Bh1750));
        }

        /// <summary>A registry holding only the shipped types (boards and tests without bindings).</summary>
        public static SensorKinds Registry()
        {
            var kinds = new SensorKinds();
            Register(kinds);
            return kinds;
        }

        public ISensor Create(SensorConfig config, IHardwareFactory hardware)
        {
            int address = config.Address;
            if (_type == Bme280)
            {
                return new Drivers.Bme280(SensorKinds.OpenI2c(hardware, address == 0 ? Drivers.Bme280.DefaultAddress : address));
            }

            if (_type == Sht3x)
            {
                return new Drivers.Sht3x(SensorKinds.OpenI2c(hardware, address == 0 ? Drivers.Sht3x.DefaultAddress : address));
            }

            return new Drivers.Bh1750(SensorKinds.OpenI2c(hardware, address == 0 ? Drivers.Bh1750.DefaultAddress : address));
        }
    }
}
