using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Core.Device
{
    /// <summary>
    /// Stands in for an I2C device the shell could not open, so the sensor goes through the ordinary fault
    /// path (reported, flagged in diag, retried) instead of a special case.
    /// </summary>
    internal sealed class AbsentI2cBus : II2cBus
    {
        private readonly int _address;

        public AbsentI2cBus(int address)
        {
            _address = address;
        }

        public int Address
        {
            get { return _address; }
        }

        public I2cResult Write(byte[] data)
        {
            return I2cResult.AddressNack;
        }

        public I2cResult Read(byte[] buffer)
        {
            return I2cResult.AddressNack;
        }

        public I2cResult WriteRead(byte[] write, byte[] read)
        {
            return I2cResult.AddressNack;
        }
    }
}
