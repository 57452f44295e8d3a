using Iot.Device.Ds18b20;
using nanoFramework.Device.OneWire;
using nanoFramework.Hardware.Esp32;
using NanoMqtt.Core.Config;
using NanoMqtt.Sensors.Bindings;
using UnitsNet;

namespace NanoMqtt.Device
{
    /// <summary>
    /// Worked example: a DS18B20 on 1-Wire (NuGet Iot.Device.Ds18b20) for sensor type "ds18b20" (registered in
    /// ExampleSensorTypes.cs). nanoFramework runs 1-Wire on the ESP32's UART2 (COM3), RX and TX shunted together
    /// onto the data line: the section's pin is the RX pin (16 when not given), GPIO17 the TX pin.
    /// </summary>
    internal sealed class Ds18b20Binding : IBindingReader
    {
        private Ds18b20 _sensor;

        public Ds18b20Binding(SensorConfig section)
        {
            Configuration.SetPinFunction(section.Pin < 0 ? 16 : section.Pin, DeviceFunction.COM3_RX);
            Configuration.SetPinFunction(17, DeviceFunction.COM3_TX);
        }

        /// <summary>On the binding's worker thread: the 750 ms conversion blocks it, not the device.</summary>
        public bool Read(double[] values)
        {
            if (_sensor == null)
            {
                _sensor = new Ds18b20(new OneWireHost());
            }

            // Initialize searches the bus for a DS18B20; TryReadTemperature is false on a failed read.
            Temperature t;
            if ((_sensor.Address == null && !_sensor.Initialize()) || !_sensor.TryReadTemperature(out t))
            {
                return false;
            }

            values[0] = t.DegreesCelsius;
            return true;
        }
    }
}
