namespace NanoMqtt.Core.Hardware
{
    /// <summary>Outcome of one I2C transfer, as System.Device.I2c reports it (mapped by the device shell).</summary>
    public enum I2cResult
    {
        Ok = 0,
        /// <summary>The address was not acknowledged: chip absent, unpowered or at another address.</summary>
        AddressNack,
        /// <summary>A data byte was not acknowledged.</summary>
        DataNack,
        /// <summary>The bus timed out (clock stretched too long, or stuck).</summary>
        Timeout,
        /// <summary>Fewer bytes moved than asked, or another bus error.</summary>
        BusError
    }
}
