using System.Device.I2c;
using Iot.Device.Scd4x;
using NanoMqtt.Core.Config;
using NanoMqtt.Sensors.Bindings;

namespace NanoMqtt.Device
{
    /// <summary>
    /// Worked example: a Sensirion SCD40/SCD41 (NuGet Iot.Device.Scd4x) as sensor type "scd4x": CO2, temperature
    /// and humidity in one message, on the I2C bus of the [i2c] section (address 0x62 unless the section says).
    /// Register it in SensorTypes.cs: kinds.Register("scd4x", Scd4xBinding.Kind(new BindingThreads()));
    /// </summary>
    internal sealed class Scd4xBinding : IBindingFactory, IBindingReader
    {
        private readonly int _address;
        private Scd4x _sensor;

        private Scd4xBinding(int address)
        {
            _address = address;
        }

        public static BindingKind Kind(IBindingHost host)
        {
            var kind = new BindingKind(host, new Scd4xBinding(0), 100, new BindingChannel[]
            {
                new BindingChannel("co2", "ppm", 0, "carbon_dioxide"),
                new BindingChannel("temperature", "C", 2, "temperature"),
                new BindingChannel("humidity", "%", 1, "humidity")
            });
            // ReadData checks no CRC and would hand back a frozen measurement: five identical reads are a fault.
            kind.StaleAfter = 5;
            return kind;
        }

        public IBindingReader Open(SensorConfig config)
        {
            return new Scd4xBinding(config.Address == 0 ? Scd4x.I2cDefaultAddress : config.Address);
        }

        public bool Read(double[] values)
        {
            if (_sensor == null)
            {
                var sensor = new Scd4x(I2cDevice.Create(new I2cConnectionSettings(1, _address, I2cBusSpeed.StandardMode)));
                sensor.StartPeriodicMeasurement();
                _sensor = sensor;
            }

            // A measurement every 5 s: with an interval of 10 s or more each sample finds a new one.
            if (!_sensor.IsDataReady())
            {
                return false;
            }

            Scd4xSensorData data = _sensor.ReadData();
            values[0] = data.CO2.PartsPerMillion;
            values[1] = data.Temperature.DegreesCelsius;
            values[2] = data.RelativeHumidity.Percent;
            return true;
        }
    }
}
