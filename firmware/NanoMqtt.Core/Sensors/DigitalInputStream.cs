using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Core.Sensors
{
    /// <summary>The schedule's state for one digital input: the debounced level and the change waiting to settle.</summary>
    internal sealed class DigitalInputStream
    {
        public readonly IDigitalInput Input;
        public readonly TelemetryStream Stream;
        public readonly int DebounceMs;
        public readonly bool ActiveLow;
        public readonly int HeartbeatMs;
        public readonly bool PublishInitial;

        public bool Initialized;
        public bool Stable;
        public bool Pending;
        public bool Candidate;
        public long CandidateAt;
        public long LastPublishAt;

        public DigitalInputStream(IDigitalInput input, TelemetryStream stream, DigitalInputOptions options)
        {
            Input = input;
            Stream = stream;
            DebounceMs = options.DebounceMs;
            ActiveLow = options.ActiveLow;
            HeartbeatMs = options.HeartbeatMs;
            PublishInitial = options.PublishInitial;
        }
    }
}
