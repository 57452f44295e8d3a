namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// Bounds of the outbox. Both limits hold at once; when a new message does not fit, the oldest waiting
    /// messages are dropped (and counted) to make room, because fresh readings are worth more than stale ones.
    /// </summary>
    public sealed class OutboxOptions
    {
        /// <summary>
        /// 8 KiB: the running device takes about 36 KB of managed heap on the 64-bit nanoCLR, and the ring
        /// is allocated whole at start, so with it the device stays under 48 KiB however long an outage
        /// lasts. A reading takes about 60 bytes in it (44 of payload, a 16-byte header): about 136 fit.
        /// </summary>
        public const int DefaultMaxBytes = 8192;

        /// <summary>A little under what the default ring holds of readings, so that for them the count binds first.</summary>
        public const int DefaultMaxMessages = 128;

        /// <summary>Messages held at most, in flight included.</summary>
        public int MaxMessages = DefaultMaxMessages;

        /// <summary>
        /// Size of the outbox's ring, allocated at start; messages held take at most this, in flight included.
        /// Each takes its payload, its correlation data and a 16-byte header (see <see cref="OutboxMessage.SizeOf"/>).
        /// </summary>
        public int MaxBytes = DefaultMaxBytes;

        /// <summary>A message waiting longer than this is dropped and counted as expired; 0 keeps messages until sent.</summary>
        public long ExpiryMs;
    }
}
