namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// How one polled sensor is sampled and published. Defaults: every 10 s, every sample published (no
    /// deadband), no smoothing, QoS 0, not retained. The config reader bounds each key (the schedule checks
    /// only the name).
    /// </summary>
    public sealed class SensorOptions
    {
        public const int DefaultIntervalMs = 10000;
        public const int DefaultHeartbeatIntervals = 10;
        public const int MaxMedianWindow = 15;

        public SensorOptions(string name)
        {
            Name = name;
        }

        /// <summary>
        /// The sensor's name, a topic level: every sample goes to the stream {Name}, as "v" for a
        /// one-quantity sensor, as one member per quantity otherwise ({"temperature":..,"humidity":..}).
        /// </summary>
        public string Name;

        /// <summary>Time between samples (start to start), in ms.</summary>
        public int IntervalMs = DefaultIntervalMs;

        /// <summary>
        /// Deadband in the quantity's unit (0.1 means 0.1 °C for a temperature): with a value above 0, a
        /// reading is published only when it differs from the last published one by more than this, or
        /// as a heartbeat. 0 (the default) publishes every sample. Applies to every quantity of the sensor
        /// unless <see cref="ChannelDeadbands"/> says otherwise; a sample goes out, with all its quantities,
        /// when any of them moved past its deadband. Converted once to the scaled integer
        /// domain of the reading, so the per-sample test is integer only.
        /// </summary>
        public double Deadband;

        /// <summary>
        /// Optional deadband per quantity, indexed like the driver's channels (BME280: 0 temperature,
        /// 1 humidity, 2 pressure). A negative entry or a missing one falls back to <see cref="Deadband"/>.
        /// </summary>
        public double[] ChannelDeadbands;

        /// <summary>
        /// With a deadband, the sensor is published at least every this many intervals even when it did
        /// not move, so a listener can tell "steady" from "dead". 0 turns the heartbeat off.
        /// </summary>
        public int HeartbeatIntervals = DefaultHeartbeatIntervals;

        /// <summary>Median of the last k readings (1 = off, up to 15): one spike does not reach the broker.</summary>
        public int MedianWindow = 1;

        /// <summary>MQTT QoS (0, 1, 2) of the sensor's messages; can be changed at run time (qos {Name} n).</summary>
        public int Qos;

        /// <summary>Whether the broker keeps the last reading for new subscribers.</summary>
        public bool Retain;

        internal double DeadbandOf(int channel)
        {
            if (ChannelDeadbands != null && channel < ChannelDeadbands.Length && ChannelDeadbands[channel] >= 0)
            {
                return ChannelDeadbands[channel];
            }

            return Deadband;
        }
    }
}
