namespace NanoMqtt.Core.Hardware
{
    /// <summary>
    /// One I2C device at a fixed address (System.Device.I2c's I2cDevice on the board, a register model in
    /// tests and in the simulator). Transfers never throw: failures come back as a result code.
    /// </summary>
    public interface II2cBus
    {
        /// <summary>The 7-bit address this bus object talks to.</summary>
        int Address { get; }

        I2cResult Write(byte[] data);

        I2cResult Read(byte[] buffer);

        /// <summary>Write then read with a repeated start (register reads).</summary>
        I2cResult WriteRead(byte[] write, byte[] read);
    }
}
