using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// One telemetry topic, {prefix}/{id}/telemetry/{name}, of a polled sensor or a digital input: its QoS
    /// (changeable at run time), retain flag and sequence number.
    /// </summary>
    internal sealed class TelemetryStream
    {
        public readonly string Name;
        public readonly string Topic;
        public readonly bool Retain;
        public int Qos;

        private long _seq;

        public TelemetryStream(string name, string topic, int qos, bool retain)
        {
            Name = name;
            Topic = topic;
            Qos = qos;
            Retain = retain;
        }

        /// <summary>The sequence number of the next message: per stream, from 1 at each boot; a gap at the receiver means a lost message.</summary>
        public long NextSeq()
        {
            _seq++;
            return _seq;
        }

        /// <summary>Hands a payload to the publisher; false when it was skipped (QoS 0 while offline).</summary>
        public bool Send(IPublisher publisher, byte[] payload)
        {
            return publisher.Publish(Topic, payload, Qos, Retain, null);
        }
    }
}
