namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// A QoS 1 or 2 message, either on its own (decoded from the kept record) or as a view of one in the
    /// <see cref="Outbox"/>'s records. A view is filled in place, so reading the outbox allocates nothing: its
    /// payload is <see cref="Buffer"/>[<see cref="PayloadOffset"/>, +<see cref="PayloadLength"/>), and it is
    /// valid until the outbox next changes (a message added, sent or leaving: the link copies what it keeps).
    /// </summary>
    public sealed class OutboxMessage
    {
        public string Topic;

        /// <summary>The array holding the payload: the message's own, or the outbox's records.</summary>
        public byte[] Buffer;

        public int PayloadOffset;

        public int PayloadLength;

        public int Qos;

        public bool Retain;

        /// <summary>MQTT 5 correlation data, or null.</summary>
        public byte[] CorrelationData;

        /// <summary>Clock time (ms) when it was queued; expiry counts from here, also after a re-send.</summary>
        public long EnqueuedMs;

        // Where the viewed record is in the outbox and which state of the outbox it was read in; -1 on its own.
        internal int Offset = -1;
        internal int Version;

        /// <summary>
        /// Bytes a message takes in the outbox: a 16-byte header, the payload and the correlation data.
        /// The topic is not counted: each distinct topic is held once, however many messages wait on it.
        /// </summary>
        public static int SizeOf(byte[] payload, byte[] correlationData)
        {
            return Outbox.HeaderSize + (payload == null ? 0 : payload.Length) + (correlationData == null ? 0 : correlationData.Length);
        }
    }
}
