using NanoMqtt.Core.Hardware;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>The board's pins and bus: the BME280 at its address, the door on its pin, and plain outputs.</summary>
    internal sealed class BoardHardware : IHardwareFactory
    {
        private readonly Bme280Model _climate;
        private readonly int _climateAddress;
        private readonly DoorInput _door;
        private readonly int _doorPin;
        private readonly BoardOutput _relay;
        private readonly int _relayPin;

        public BoardHardware(int climateAddress, int doorPin, int relayPin)
        {
            _climateAddress = climateAddress;
            _climate = new Bme280Model(climateAddress);
            _doorPin = doorPin;
            // Closed door, pull-up: the switch holds the pin low.
            _door = new DoorInput(false);
            _relayPin = relayPin;
            _relay = new BoardOutput();
        }

        public Bme280Model Climate
        {
            get { return _climate; }
        }

        public DoorInput Door
        {
            get { return _door; }
        }

        public BoardOutput Relay
        {
            get { return _relay; }
        }

        public II2cBus OpenI2c(int address)
        {
            return address == _climateAddress ? _climate : null;
        }

        public IDigitalInput OpenInput(int pin, bool pullUp, long debounceMs)
        {
            return pin == _doorPin ? _door : null;
        }

        public IDigitalOutput OpenOutput(int pin)
        {
            return pin == _relayPin ? _relay : new BoardOutput();
        }

        public IPwmOutput OpenPwm(int pin, int frequencyHz)
        {
            return null;
        }
    }
}
