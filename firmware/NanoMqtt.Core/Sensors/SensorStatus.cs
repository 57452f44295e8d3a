namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// The result of one step of a sample (start or collect). One code per kind of failure, so that the
    /// error report and the tests can tell a missing chip from a noisy bus.
    /// </summary>
    public enum SensorStatus
    {
        Ok = 0,

        /// <summary>The measurement is still running; ask again a little later (not a fault by itself).</summary>
        NotReady,

        /// <summary>The address was not acknowledged: chip absent, unpowered, or at another address.</summary>
        NoAck,

        /// <summary>A data byte was not acknowledged.</summary>
        DataNack,

        /// <summary>The bus timed out, or the measurement never became ready.</summary>
        Timeout,

        /// <summary>Short transfer or another bus error (also: the driver threw).</summary>
        BusError,

        /// <summary>A checksum did not match the data.</summary>
        BadCrc,

        /// <summary>Something answered at the address, but its chip id is not the expected one.</summary>
        WrongChip,

        /// <summary>The chip answered with a value it cannot mean (skipped measurement, out of range, bad calibration).</summary>
        Implausible
    }
}
