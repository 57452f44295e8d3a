// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package nanoFramework.System.Device.I2c 1.1.29 (assembly System.Device.I2c), read from
// github.com/nanoframework/System.Device.I2c tag v1.1.29, commit ac5858c8be7d7b917854328ebc023c8bf66dbfee,
// files System.Device.I2c/I2cDevice.cs, I2cConnectionSettings.cs, I2cTransferResult.cs, I2cTransferStatus.cs,
// I2cBusSpeed.cs. SpanByte is mscorlib's (nanoFramework.CoreLibrary 1.17.11); byte[] converts to it implicitly.
using System;

namespace System.Device.I2c
{
    public class I2cDevice : IDisposable
    {
        public I2cDevice(I2cConnectionSettings settings) { }

        public static I2cDevice Create(I2cConnectionSettings settings) { throw null; }
        public I2cTransferResult Read(SpanByte buffer) { throw null; }
        public I2cTransferResult Write(SpanByte buffer) { throw null; }
        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer) { throw null; }
        public void Dispose() { }
    }

    public sealed class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) { }
    }

    public struct I2cTransferResult
    {
        public uint BytesTransferred { get { throw null; } }
        public I2cTransferStatus Status { get { throw null; } }
    }

    public enum I2cTransferStatus
    {
        UnknownError,
        FullTransfer,
        ClockStretchTimeout,
        PartialTransfer,
        SlaveAddressNotAcknowledged,
    }

    public enum I2cBusSpeed
    {
        StandardMode,
        FastMode,
        FastModePlus
    }
}
