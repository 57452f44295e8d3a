namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// A QoS 1 or 2 message held by the <see cref="Outbox"/> until the broker acknowledges it. The outbox
    /// reuses its messages once they have left (delivered, dropped or expired), so a reference to one is
    /// valid while the message is queued or in flight, and until the next Enqueue after it left.
    /// </summary>
    public sealed class OutboxMessage
    {
        public string Topic { get; private set; }

        public byte[] Payload { get; private set; }

        public int Qos { get; private set; }

        public bool Retain { get; private set; }

        public byte[] CorrelationData { get; private set; }

        /// <summary>Clock time (ms) when it was queued; expiry counts from here, also after a re-send.</summary>
        public long EnqueuedMs { get; private set; }

        /// <summary>Bytes it counts against the outbox's byte bound.</summary>
        public int Size { get; private set; }

        /// <summary>The packet id while in flight, else 0.</summary>
        public int PacketId;

        /// <summary>How many times it was handed to the link (more than 1 after a re-send).</summary>
        public int SendCount;

        public OutboxMessage(string topic, byte[] payload, int qos, bool retain, byte[] correlationData, long enqueuedMs)
        {
            Set(topic, payload, qos, retain, correlationData, enqueuedMs, SizeOf(topic, payload, correlationData));
        }

        public static int SizeOf(string topic, byte[] payload, byte[] correlationData)
        {
            return (topic == null ? 0 : Utf8.ByteCount(topic)) + (payload == null ? 0 : payload.Length) + (correlationData == null ? 0 : correlationData.Length);
        }

        /// <summary>Refills a message that left the outbox, so that a steady stream allocates no message objects.</summary>
        internal void Set(string topic, byte[] payload, int qos, bool retain, byte[] correlationData, long enqueuedMs, int size)
        {
            Topic = topic;
            Payload = payload;
            Qos = qos;
            Retain = retain;
            CorrelationData = correlationData;
            EnqueuedMs = enqueuedMs;
            Size = size;
            PacketId = 0;
            SendCount = 0;
        }
    }
}
