using Iot.Device.Ds18b20;
using nanoFramework.Device.OneWire;
using nanoFramework.Hardware.Esp32;
using NanoMqtt.Core.Config;
using NanoMqtt.Sensors.Bindings;
using UnitsNet;

namespace NanoMqtt.Device
{
    /// <summary>
    /// Worked example: a DS18B20 on 1-Wire (NuGet Iot.Device.Ds18b20) as sensor type "ds18b20". nanoFramework runs
    /// 1-Wire on the ESP32's COM3: the section's pin is its RX pin, TxPin its TX pin, both on the data line.
    /// Register it in SensorTypes.cs: kinds.Register("ds18b20", Ds18b20Binding.Kind(new BindingThreads()));
    /// </summary>
    internal sealed class Ds18b20Binding : IBindingFactory, IBindingReader
    {
        private const int TxPin = 17;
        private readonly int _rxPin;
        private Ds18b20 _sensor;

        private Ds18b20Binding(int rxPin)
        {
            _rxPin = rxPin;
        }

        /// <summary>One temperature in °C; 1 s covers the 750 ms 12-bit conversion and the bus time.</summary>
        public static BindingKind Kind(IBindingHost host)
        {
            return new BindingKind(host, new Ds18b20Binding(-1), 1000,
                new BindingChannel[] { new BindingChannel("temperature", "C", 2, "temperature") });
        }

        public IBindingReader Open(SensorConfig config)
        {
            return new Ds18b20Binding(config.Pin < 0 ? 16 : config.Pin);
        }

        /// <summary>On the binding's worker thread: the conversion blocks it, not the device.</summary>
        public bool Read(double[] values)
        {
            if (_sensor == null)
            {
                Configuration.SetPinFunction(_rxPin, DeviceFunction.COM3_RX);
                Configuration.SetPinFunction(TxPin, DeviceFunction.COM3_TX);
                _sensor = new Ds18b20(new OneWireHost());
            }

            Temperature t;
            // Initialize searches the bus until a DS18B20 answers; TryReadTemperature is false on a failed read.
            if ((_sensor.Address == null && !_sensor.Initialize()) || !_sensor.TryReadTemperature(out t))
            {
                return false;
            }

            values[0] = t.DegreesCelsius;
            return true;
        }
    }
}
