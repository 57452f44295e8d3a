namespace NanoMqtt.Core.Messaging
{
    /// <summary>A QoS 1 or 2 message held by the <see cref="Outbox"/> until the broker acknowledges it.</summary>
    public sealed class OutboxMessage
    {
        public readonly string Topic;
        public readonly byte[] Payload;
        public readonly int Qos;
        public readonly bool Retain;
        public readonly byte[] CorrelationData;

        /// <summary>Clock time (ms) when it was queued; expiry counts from here, also after a re-send.</summary>
        public readonly long EnqueuedMs;

        /// <summary>Bytes it counts against the outbox's byte bound.</summary>
        public readonly int Size;

        /// <summary>The packet id while in flight, else 0.</summary>
        public int PacketId;

        /// <summary>How many times it was handed to the link (more than 1 after a re-send).</summary>
        public int SendCount;

        public OutboxMessage(string topic, byte[] payload, int qos, bool retain, byte[] correlationData, long enqueuedMs)
        {
            Topic = topic;
            Payload = payload;
            Qos = qos;
            Retain = retain;
            CorrelationData = correlationData;
            EnqueuedMs = enqueuedMs;
            Size = SizeOf(topic, payload, correlationData);
        }

        public static int SizeOf(string topic, byte[] payload, byte[] correlationData)
        {
            return (topic == null ? 0 : Utf8.ByteCount(topic)) + (payload == null ? 0 : payload.Length) + (correlationData == null ? 0 : correlationData.Length);
        }
    }
}
