namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// Bounds of the outbox. Both limits hold at once; when a new message does not fit, the oldest waiting
    /// messages are dropped (and counted) to make room, because fresh readings are worth more than stale ones.
    /// </summary>
    public sealed class OutboxOptions
    {
        /// <summary>Messages held at most, in flight included.</summary>
        public int MaxMessages = 64;

        /// <summary>Bytes held at most (topic + payload + correlation data), in flight included.</summary>
        public int MaxBytes = 16384;

        /// <summary>A message waiting longer than this is dropped and counted as expired; 0 keeps messages until sent.</summary>
        public long ExpiryMs;

        /// <summary>Null when usable, else what is wrong.</summary>
        public string Validate()
        {
            if (MaxMessages < 1)
            {
                return "outbox must hold at least one message";
            }

            if (MaxBytes < 1)
            {
                return "outbox must hold at least one byte";
            }

            if (ExpiryMs < 0)
            {
                return "outbox expiry must not be negative";
            }

            return null;
        }
    }
}
