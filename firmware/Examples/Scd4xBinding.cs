using System.Device.I2c;
using Iot.Device.Scd4x;
using NanoMqtt.Core.Config;
using NanoMqtt.Sensors.Bindings;

namespace NanoMqtt.Device
{
    /// <summary>
    /// Worked example: a Sensirion SCD40/SCD41 (NuGet Iot.Device.Scd4x) for sensor type "scd4x" (registered in
    /// ExampleSensorTypes.cs): CO2, temperature and humidity in one message, on the I2C bus of the [i2c] section,
    /// at the section's address or 0x62.
    /// </summary>
    internal sealed class Scd4xBinding : IBindingReader
    {
        private readonly int _address;
        private Scd4x _sensor;

        public Scd4xBinding(SensorConfig section)
        {
            _address = section.Address == 0 ? Scd4x.I2cDefaultAddress : section.Address;
        }

        public bool Read(double[] values)
        {
            if (_sensor == null)
            {
                var sensor = new Scd4x(I2cDevice.Create(new I2cConnectionSettings(1, _address, I2cBusSpeed.StandardMode)));
                sensor.StartPeriodicMeasurement();
                _sensor = sensor;
            }

            // A new measurement every 5 s: with an interval of 10 s or more each sample finds one.
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
