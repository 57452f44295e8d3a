using System.Collections;
using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>
    /// Hands out fake pins and buses and remembers them, so a test can drive a FieldDevice's hardware.
    /// Buses it was not given answer as absent chips; <see cref="RefuseAll"/> makes every open fail.
    /// </summary>
    public sealed class FakeHardwareFactory : IHardwareFactory
    {
        private readonly ArrayList _buses = new ArrayList();
        private readonly ArrayList _outputs = new ArrayList();
        private readonly ArrayList _outputPins = new ArrayList();
        private readonly ArrayList _inputs = new ArrayList();

        public bool RefuseAll;

        /// <summary>Makes OpenI2c(bus.Address) return this bus.</summary>
        public void Attach(FakeI2cBus bus)
        {
            _buses.Add(bus);
        }

        public FakeDigitalOutput Output(int pin)
        {
            int i = _outputPins.IndexOf(pin);
            return i < 0 ? null : (FakeDigitalOutput)_outputs[i];
        }

        public FakeDigitalInput Input(int index)
        {
            return (FakeDigitalInput)_inputs[index];
        }

        public II2cBus OpenI2c(int address)
        {
            if (RefuseAll)
            {
                return null;
            }

            for (int i = 0; i < _buses.Count; i++)
            {
                var bus = (FakeI2cBus)_buses[i];
                if (bus.Address == address)
                {
                    return bus;
                }
            }

            var absent = new FakeI2cBus(address);
            absent.FailWith = I2cResult.AddressNack;
            return absent;
        }

        public IDigitalInput OpenInput(int pin, bool pullUp, long debounceMs)
        {
            if (RefuseAll)
            {
                return null;
            }

            var input = new FakeDigitalInput(pullUp);
            _inputs.Add(input);
            return input;
        }

        public IDigitalOutput OpenOutput(int pin)
        {
            if (RefuseAll)
            {
                return null;
            }

            var output = new FakeDigitalOutput();
            _outputs.Add(output);
            _outputPins.Add(pin);
            return output;
        }

        public IPwmOutput OpenPwm(int pin, int frequencyHz)
        {
            return RefuseAll ? null : new FakePwmOutput();
        }
    }
}
