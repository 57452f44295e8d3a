using System;
using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Device.Hardware
{
    /// <summary>
    /// IHardwareFactory for the ESP32 family. The ESP32 routes I2C and PWM through its GPIO matrix, so the pin
    /// functions are set here (Configuration.SetPinFunction) before the bus or channel is opened. Every method
    /// returns null instead of throwing, and the core reports the fault. Called from the step thread only.
    /// </summary>
    internal sealed class EspHardwareFactory : IHardwareFactory
    {
        // I2C bus 1 (I2C1_DATA / I2C1_CLOCK). 100 kHz: sensor cables in the field are long and unshielded.
        private const int I2cBusId = 1;
        private const int PwmFunctionCount = 8;

        private readonly GpioController _gpio = new GpioController();
        private readonly int _sda;
        private readonly int _scl;
        private readonly IClock _clock;
        private readonly AutoResetEvent _wake;
        private bool _i2cPinsSet;
        private int _pwmUsed;

        public EspHardwareFactory(int i2cSda, int i2cScl, IClock clock, AutoResetEvent wake)
        {
            _sda = i2cSda;
            _scl = i2cScl;
            _clock = clock;
            _wake = wake;
        }

        public II2cBus OpenI2c(int address)
        {
            try
            {
                if (!_i2cPinsSet)
                {
                    Configuration.SetPinFunction(_sda, DeviceFunction.I2C1_DATA);
                    Configuration.SetPinFunction(_scl, DeviceFunction.I2C1_CLOCK);
                    _i2cPinsSet = true;
                }

                I2cDevice device = I2cDevice.Create(new I2cConnectionSettings(I2cBusId, address, I2cBusSpeed.StandardMode));
                return new I2cDeviceBus(device, address);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("i2c: cannot open address " + address.ToString() + ": " + ex.Message);
                return null;
            }
        }

        public IDigitalInput OpenInput(int pin, bool pullUp, long debounceMs)
        {
            try
            {
                GpioPin gpio = _gpio.OpenPin(pin, pullUp ? PinMode.InputPullUp : PinMode.Input);
                if (debounceMs > 0)
                {
                    gpio.DebounceTimeout = new TimeSpan(debounceMs * TimeSpan.TicksPerMillisecond);
                }

                return new GpioDigitalInput(gpio, _clock, _wake);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("gpio: cannot open input " + pin.ToString() + ": " + ex.Message);
                return null;
            }
        }

        public IDigitalOutput OpenOutput(int pin)
        {
            try
            {
                return new GpioDigitalOutput(_gpio.OpenPin(pin, PinMode.Output));
            }
            catch (Exception ex)
            {
                Debug.WriteLine("gpio: cannot open output " + pin.ToString() + ": " + ex.Message);
                return null;
            }
        }

        public IPwmOutput OpenPwm(int pin, int frequencyHz)
        {
            if (_pwmUsed >= PwmFunctionCount)
            {
                Debug.WriteLine("pwm: no PWM channel left for pin " + pin.ToString());
                return null;
            }

            try
            {
                Configuration.SetPinFunction(pin, PwmFunction(_pwmUsed));
                PwmChannel channel = PwmChannel.CreateFromPin(pin, frequencyHz, 0);
                if (channel == null)
                {
                    return null;
                }

                _pwmUsed++;
                channel.Start();
                return new PwmChannelOutput(channel);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("pwm: cannot open pin " + pin.ToString() + ": " + ex.Message);
                return null;
            }
        }

        private static DeviceFunction PwmFunction(int index)
        {
            switch (index)
            {
                case 0: return DeviceFunction.PWM1;
                case 1: return DeviceFunction.PWM2;
                case 2: return DeviceFunction.PWM3;
                case 3: return DeviceFunction.PWM4;
                case 4: return DeviceFunction.PWM5;
                case 5: return DeviceFunction.PWM6;
                case 6: return DeviceFunction.PWM7;
                default: return DeviceFunction.PWM8;
            }
        }
    }
}
