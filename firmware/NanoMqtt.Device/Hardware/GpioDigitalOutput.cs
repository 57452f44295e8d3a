using System.Device.Gpio;
using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Device.Hardware
{
    /// <summary>A GPIO output (relay module, LED, valve driver). Active-low wiring is the actuator's business.</summary>
    internal sealed class GpioDigitalOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;

        public GpioDigitalOutput(GpioPin pin)
        {
            _pin = pin;
        }

        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}
