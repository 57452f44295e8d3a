namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// A polled sensor with one or more quantities ("channels"). A sample has two halves so that nothing
    /// waits inside the core: <see cref="Start"/> triggers the conversion and says how long it takes, and
    /// <see cref="Collect"/> reads the result once that time has passed. Readings are scaled integers
    /// (value = reading / 10^Decimals), so no floating point runs per sample.
    /// Implementations never block and should not throw; the schedule still catches what escapes.
    /// </summary>
    public interface ISensor
    {
        /// <summary>How many readings one sample gives (BME280: 3, SHT3x: 2, BH1750: 1). Fixed for the sensor's life.</summary>
        int ChannelCount { get; }

        /// <summary>The quantity of a channel ("temperature", "humidity", "pressure", "light"); names the stream.</summary>
        string ChannelName(int channel);

        /// <summary>The unit ("C", "%", "hPa", "lx"): announced in Home Assistant discovery, not sent with each reading.</summary>
        string Unit(int channel);

        /// <summary>Decimal places of the scaled reading: 2 means 2137 is 21.37.</summary>
        int Decimals(int channel);

        /// <summary>
        /// Starts a sample (and, when needed, first probes and configures the chip). On Ok, waitMs is the
        /// time the conversion needs before <see cref="Collect"/>; 0 means collect at once.
        /// </summary>
        SensorStatus Start(out int waitMs);

        /// <summary>
        /// Reads the sample started last into readings[0..ChannelCount). NotReady asks to be called again
        /// shortly; any other non-Ok status is a failed sample.
        /// </summary>
        SensorStatus Collect(long[] readings);

        /// <summary>A short reason for the last non-Ok status, e.g. "no ACK at 0x76" (for the error topic).</summary>
        string FaultDetail { get; }
    }
}
