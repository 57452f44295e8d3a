namespace NanoMqtt.Core.Config
{
    /// <summary>One [sensor.NAME] section of nf.config.</summary>
    public sealed class SensorConfig
    {
        public const string Bme280 = "bme280";
        public const string Sht3x = "sht3x";
        public const string Bh1750 = "bh1750";
        public const string Input = "input";

        public string Name;
        public string Type;

        /// <summary>7-bit I2C address; 0 means the driver's default.</summary>
        public int Address;

        /// <summary>GPIO of an input sensor; -1 when not used.</summary>
        public int Pin = -1;
        public bool PullUp = true;
        public long DebounceMs = 50;

        public long IntervalMs = 10000;
        public int Qos;
        public bool Retain;

        /// <summary>Publish only when the value moved by more than this; 0 publishes every reading.</summary>
        public double Deadband;

        /// <summary>With a deadband, publish at least every this many intervals anyway.</summary>
        public int Heartbeat = 10;

        /// <summary>Median of the last N readings; 1 turns smoothing off.</summary>
        public int Median = 1;
    }
}
