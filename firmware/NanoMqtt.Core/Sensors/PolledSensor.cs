namespace NanoMqtt.Core.Sensors
{
    /// <summary>The schedule's state for one <see cref="ISensor"/>: timing, the sample in flight, the fault state.</summary>
    internal sealed class PolledSensor
    {
        public readonly string Name;
        public readonly ISensor Sensor;
        public readonly TelemetryStream[] Streams;
        public readonly long[] Readings;
        public int IntervalMs;

        public bool Scheduled;
        public long LastDueAt;
        public long NextStartAt;

        public bool Measuring;
        public long CollectAt;
        public int NotReadyCount;

        public bool Faulted;
        public int ConsecutiveFailures;
        public int FailedSinceFault;
        public SensorStatus LastStatus;
        public string LastDetail;

        public PolledSensor(string name, ISensor sensor, TelemetryStream[] streams, int intervalMs)
        {
            Name = name;
            Sensor = sensor;
            Streams = streams;
            Readings = new long[streams.Length];
            IntervalMs = intervalMs;
        }
    }
}
