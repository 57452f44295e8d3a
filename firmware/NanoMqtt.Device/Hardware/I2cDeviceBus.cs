using System;
using System.Device.I2c;
using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Device.Hardware
{
    /// <summary>One I2C device (System.Device.I2c). Transfers never throw: the status maps to an I2cResult.</summary>
    internal sealed class I2cDeviceBus : II2cBus
    {
        private readonly I2cDevice _device;
        private readonly int _address;

        public I2cDeviceBus(I2cDevice device, int address)
        {
            _device = device;
            _address = address;
        }

        public int Address
        {
            get { return _address; }
        }

        public I2cResult Write(byte[] data)
        {
            try
            {
                return Map(_device.Write(data), data.Length);
            }
            catch (Exception)
            {
                return I2cResult.BusError;
            }
        }

        public I2cResult Read(byte[] buffer)
        {
            try
            {
                return Map(_device.Read(buffer), buffer.Length);
            }
            catch (Exception)
            {
                return I2cResult.BusError;
            }
        }

        public I2cResult WriteRead(byte[] write, byte[] read)
        {
            try
            {
                return Map(_device.WriteRead(write, read), write.Length + read.Length);
            }
            catch (Exception)
            {
                return I2cResult.BusError;
            }
        }

        private static I2cResult Map(I2cTransferResult result, int expected)
        {
            switch (result.Status)
            {
                case I2cTransferStatus.FullTransfer:
                    return I2cResult.Ok;
                case I2cTransferStatus.SlaveAddressNotAcknowledged:
                    return I2cResult.AddressNack;
                case I2cTransferStatus.ClockStretchTimeout:
                    return I2cResult.Timeout;
                case I2cTransferStatus.PartialTransfer:
                    // Fewer bytes than asked: after the address, a NACK on a data byte is the usual cause.
                    return result.BytesTransferred > 0 && result.BytesTransferred < expected ? I2cResult.DataNack : I2cResult.BusError;
                default:
                    return I2cResult.BusError;
            }
        }
    }
}
