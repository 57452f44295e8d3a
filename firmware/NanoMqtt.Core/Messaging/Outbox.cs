using System.Collections;

namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// The bounded queue of QoS 1/2 messages: waiting ones in order, then those in flight (sent, not yet
    /// acknowledged). When the connection drops, the in-flight ones go back to the head, so they are sent
    /// again first: a duplicate is possible, a loss is not. Every message that leaves without an
    /// acknowledgement is counted, as dropped or expired.
    /// </summary>
    public sealed class Outbox
    {
        private readonly OutboxOptions _options;
        private readonly ArrayList _waiting = new ArrayList();
        private readonly ArrayList _inFlight = new ArrayList();

        // Messages that left (delivered, dropped, expired), reused by Enqueue: the outbox never holds
        // more than MaxMessages, so after the first fill a steady stream allocates no message objects.
        // The top _uncleared ones still point at their old topic and payload, so that a caller may read
        // a message it just marked sent; Enqueue lets go of those references before it takes one.
        private readonly ArrayList _spare = new ArrayList();
        private int _uncleared;
        private int _bytes;
        private long _dropped;
        private long _expired;
        private long _delivered;

        public Outbox(OutboxOptions options)
        {
            _options = options ?? new OutboxOptions();
        }

        /// <summary>Messages held: waiting and in flight.</summary>
        public int Count
        {
            get { return _waiting.Count + _inFlight.Count; }
        }

        public int WaitingCount
        {
            get { return _waiting.Count; }
        }

        public int InFlightCount
        {
            get { return _inFlight.Count; }
        }

        /// <summary>Bytes held, as counted against <see cref="OutboxOptions.MaxBytes"/>.</summary>
        public int Bytes
        {
            get { return _bytes; }
        }

        /// <summary>Messages dropped to respect the bounds, or refused as larger than the outbox may hold.</summary>
        public long Dropped
        {
            get { return _dropped; }
        }

        /// <summary>Messages dropped because they waited longer than <see cref="OutboxOptions.ExpiryMs"/>.</summary>
        public long Expired
        {
            get { return _expired; }
        }

        /// <summary>Messages acknowledged by the broker (or handed to a link that does not acknowledge).</summary>
        public long Delivered
        {
            get { return _delivered; }
        }

        /// <summary>
        /// Queues a message at the tail, dropping the oldest waiting ones while it does not fit. False (and
        /// counted as dropped) when it can never fit, or when only in-flight messages are left to make room.
        /// </summary>
        public bool Enqueue(string topic, byte[] payload, int qos, bool retain, byte[] correlationData, long nowMs)
        {
            Expire(nowMs);
            ClearSpares();
            int size = OutboxMessage.SizeOf(topic, payload, correlationData);
            if (size > _options.MaxBytes)
            {
                _dropped++;
                return false;
            }

            while (Count + 1 > _options.MaxMessages || _bytes + size > _options.MaxBytes)
            {
                if (_waiting.Count == 0)
                {
                    // In-flight messages are already on the wire; the newcomer is the one that cannot stay.
                    _dropped++;
                    return false;
                }

                RemoveWaitingAt(0);
                _dropped++;
            }

            _waiting.Add(Take(topic, payload, qos, retain, correlationData, nowMs, size));
            _bytes += size;
            return true;
        }

        /// <summary>Messages kept for reuse (for tests and diagnostics): at most MaxMessages minus Count.</summary>
        public int SpareCount
        {
            get { return _spare.Count; }
        }

        /// <summary>True when a message of this size (see <see cref="OutboxMessage.SizeOf"/>) fits now without dropping anything.</summary>
        public bool HasRoomFor(int size)
        {
            return Count + 1 <= _options.MaxMessages && _bytes + size <= _options.MaxBytes;
        }

        /// <summary>
        /// The waiting message at index (0 is the oldest), or null when out of range. Read-only access for a
        /// snapshot of what is still unsent, e.g. before a deep sleep; nothing is expired or removed.
        /// </summary>
        public OutboxMessage WaitingAt(int index)
        {
            return index < 0 || index >= _waiting.Count ? null : (OutboxMessage)_waiting[index];
        }

        /// <summary>The oldest waiting message (stale ones are expired first), or null. It stays queued until <see cref="MarkSent"/>.</summary>
        public OutboxMessage PeekWaiting(long nowMs)
        {
            Expire(nowMs);
            return _waiting.Count == 0 ? null : (OutboxMessage)_waiting[0];
        }

        /// <summary>
        /// The head message went to the link with this packet id: it waits for its acknowledgement in flight.
        /// A packet id of 0 means the link will not acknowledge it, so it counts as delivered at once.
        /// </summary>
        public void MarkSent(OutboxMessage message, int packetId)
        {
            int at = _waiting.IndexOf(message);
            if (at < 0)
            {
                return;
            }

            _waiting.RemoveAt(at);
            message.SendCount++;
            if (packetId <= 0)
            {
                _bytes -= message.Size;
                _delivered++;
                Release(message);
                return;
            }

            message.PacketId = packetId;
            _inFlight.Add(message);
        }

        /// <summary>The broker acknowledged this packet id. False when no message in flight had it (the birth, say).</summary>
        public bool Acknowledge(int packetId)
        {
            for (int i = 0; i < _inFlight.Count; i++)
            {
                OutboxMessage m = (OutboxMessage)_inFlight[i];
                if (m.PacketId == packetId)
                {
                    _inFlight.RemoveAt(i);
                    _bytes -= m.Size;
                    _delivered++;
                    Release(m);
                    return true;
                }
            }

            return false;
        }

        /// <summary>The connection dropped: everything in flight goes back to the head, in its original order.</summary>
        public void RequeueInFlight()
        {
            for (int i = _inFlight.Count - 1; i >= 0; i--)
            {
                OutboxMessage m = (OutboxMessage)_inFlight[i];
                m.PacketId = 0;
                _waiting.Insert(0, m);
            }

            _inFlight.Clear();
        }

        /// <summary>Drops waiting messages older than the expiry (none when expiry is 0). Returns how many.</summary>
        public int Expire(long nowMs)
        {
            long expiry = _options.ExpiryMs;
            if (expiry <= 0)
            {
                return 0;
            }

            int removed = 0;
            for (int i = _waiting.Count - 1; i >= 0; i--)
            {
                OutboxMessage m = (OutboxMessage)_waiting[i];
                if (nowMs - m.EnqueuedMs >= expiry)
                {
                    RemoveWaitingAt(i);
                    removed++;
                }
            }

            _expired += removed;
            return removed;
        }

        private void RemoveWaitingAt(int index)
        {
            OutboxMessage m = (OutboxMessage)_waiting[index];
            _waiting.RemoveAt(index);
            _bytes -= m.Size;
            Release(m);
        }

        private OutboxMessage Take(string topic, byte[] payload, int qos, bool retain, byte[] correlationData, long nowMs, int size)
        {
            int last = _spare.Count - 1;
            if (last < 0)
            {
                return new OutboxMessage(topic, payload, qos, retain, correlationData, nowMs);
            }

            var m = (OutboxMessage)_spare[last];
            _spare.RemoveAt(last);
            if (_uncleared > 0)
            {
                _uncleared--;
            }

            m.Set(topic, payload, qos, retain, correlationData, nowMs, size);
            return m;
        }

        private void Release(OutboxMessage m)
        {
            _spare.Add(m);
            _uncleared++;
        }

        /// <summary>Lets go of the payloads of messages that left, so the GC can take them; each spare is cleared once.</summary>
        private void ClearSpares()
        {
            for (int i = _spare.Count - 1; _uncleared > 0; i--, _uncleared--)
            {
                ((OutboxMessage)_spare[i]).Set(null, null, 0, false, null, 0, 0);
            }
        }
    }
}
