using System;

namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// The bounded queue of QoS 1/2 messages: those in flight (sent, not yet acknowledged), then the waiting
    /// ones, in order. When the connection drops, the in-flight ones become the head of the waiting ones
    /// again, so they are sent again first: a duplicate is possible, a loss is not. Every message that leaves
    /// without an acknowledgement is counted, as dropped or expired.
    /// Messages are copied into one byte array allocated at start (<see cref="OutboxOptions.MaxBytes"/> long),
    /// their topics held once each by slot: queueing, sending and acknowledging allocate nothing, and the
    /// memory an outage fills is the same the device holds when online.
    /// The array holds one record per message, oldest first, packed in [0, <see cref="Bytes"/>): a 16-byte
    /// header (flags, topic slot, packet id, payload and correlation lengths, enqueue time), then the payload,
    /// the correlation data and, only when every topic slot holds another topic, the topic itself (a 2-byte
    /// length, then UTF-8). A record that leaves is cut out at once, the newer ones moving down over it (one
    /// Array.Copy): the free space is always one stretch at the end, so a message fits whenever the bounds
    /// allow it, and a payload is always in one piece for the link.
    /// </summary>
    public sealed class Outbox
    {
        /// <summary>Distinct topics held by slot; further ones are stored in the record with their message.</summary>
        public const int TopicSlots = 32;

        /// <summary>Bytes of a record's header.</summary>
        internal const int HeaderSize = 16;

        // Offsets in a record's header; the flags byte leads it (offset 0).
        private const int SlotAt = 1;
        private const int PacketIdAt = 2;
        private const int PayloadLengthAt = 4;
        private const int CorrelationLengthAt = 6;
        private const int TimeAt = 8;

        private const int QosMask = 0x03;
        private const int RetainFlag = 0x04;
        private const int InFlightFlag = 0x08;
        private const int InlineTopicFlag = 0x20;

        // Largest payload, correlation data or inline topic a record can hold (16-bit lengths).
        private const int MaxFieldLength = 0xFFFF;

        private readonly OutboxOptions _options;
        private readonly byte[] _buffer;
        private readonly OutboxMessage _peek = new OutboxMessage();

        // The topics of the queued messages by slot, each held once however many messages wait on it; a
        // slot lets go of its string when its last message leaves, so an outage's topics are released after it.
        private readonly string[] _topicNames = new string[TopicSlots];
        private readonly int[] _topicUses = new int[TopicSlots];

        /// <summary>Messages held: waiting and in flight.</summary>
        public int Count;
        public int InFlightCount;
        /// <summary>Bytes held (see <see cref="OutboxMessage.SizeOf"/>), at most <see cref="OutboxOptions.MaxBytes"/>: the records end here.</summary>
        public int Bytes;
        // No waiting message was enqueued before this (a lower bound), so Expire can skip the walk.
        private long _oldestWaitingMs = long.MaxValue;
        // Changes whenever a message is added, sent or leaves, so a stale view is refused by MarkSent.
        private int _version;
        /// <summary>Messages dropped to respect the bounds, or refused as larger than the outbox may hold.</summary>
        public long Dropped;
        /// <summary>Messages dropped because they waited longer than <see cref="OutboxOptions.ExpiryMs"/>.</summary>
        public long Expired;
        /// <summary>Messages acknowledged by the broker (or handed to a link that does not acknowledge).</summary>
        public long Delivered;

        public Outbox(OutboxOptions options)
        {
            _options = options ?? new OutboxOptions();
            _buffer = new byte[_options.MaxBytes < 0 ? 0 : _options.MaxBytes];
        }

        public int WaitingCount
        {
            get { return Count - InFlightCount; }
        }

        /// <summary>Distinct topics held by slot (for tests and diagnostics).</summary>
        public int TopicsHeld
        {
            get
            {
                int n = 0;
                for (int i = 0; i < TopicSlots; i++)
                {
                    n += _topicUses[i] > 0 ? 1 : 0;
                }

                return n;
            }
        }

        /// <summary>
        /// Queues a message at the tail, dropping the oldest waiting ones while it does not fit. False (and
        /// counted as dropped) when it can never fit, or when only in-flight messages are left to make room.
        /// </summary>
        public bool Enqueue(string topic, byte[] payload, int qos, bool retain, byte[] correlationData, long nowMs)
        {
            Expire(nowMs);
            if (topic == null)
            {
                Dropped++;
                return false;
            }

            int payloadLength = payload == null ? 0 : payload.Length;
            int correlationLength = correlationData == null ? 0 : correlationData.Length;
            int slot = AcquireTopic(topic);
            // Beyond the topic slots the topic goes into the record, as UTF-8.
            char[] inlineTopic = slot < 0 ? topic.ToCharArray() : null;
            int topicLength = slot < 0 ? Utf8.Write(inlineTopic, 0, inlineTopic.Length, null, 0) : -1;
            int size = HeaderSize + payloadLength + correlationLength + (slot < 0 ? 2 + topicLength : 0);
            int capacity = _buffer.Length;
            if (size > capacity || payloadLength > MaxFieldLength || correlationLength > MaxFieldLength || topicLength > MaxFieldLength)
            {
                return Refuse(slot);
            }

            while (Count + 1 > _options.MaxMessages || Bytes + size > capacity)
            {
                int oldest = FirstWaiting();
                if (oldest < 0)
                {
                    // In-flight messages are already on the wire; the newcomer is the one that cannot stay.
                    return Refuse(slot);
                }

                Remove(oldest);
                Dropped++;
            }

            // The record goes after the last one.
            int at = Bytes;
            _buffer[at] = (byte)((qos & QosMask) | (retain ? RetainFlag : 0) | (slot < 0 ? InlineTopicFlag : 0));
            // The slot byte of an inline topic and the packet id of a waiting record are never read.
            _buffer[at + SlotAt] = (byte)slot;
            Put16(at + PayloadLengthAt, payloadLength);
            Put16(at + CorrelationLengthAt, correlationLength);
            for (int i = 0; i < 8; i++)
            {
                _buffer[at + TimeAt + i] = (byte)(nowMs >> (8 * i));
            }

            int data = at + HeaderSize;
            if (payloadLength > 0)
            {
                Array.Copy(payload, 0, _buffer, data, payloadLength);
            }

            if (correlationLength > 0)
            {
                Array.Copy(correlationData, 0, _buffer, data + payloadLength, correlationLength);
            }

            if (slot < 0)
            {
                int topicAt = data + payloadLength + correlationLength;
                Put16(topicAt, topicLength);
                Utf8.Write(inlineTopic, 0, inlineTopic.Length, _buffer, topicAt + 2);
            }

            Bytes += size;
            Count++;
            if (nowMs < _oldestWaitingMs)
            {
                _oldestWaitingMs = nowMs;
            }

            _version++;
            return true;
        }

        /// <summary>True when a message of this size (see <see cref="OutboxMessage.SizeOf"/>) fits now without dropping anything.</summary>
        public bool HasRoomFor(int size)
        {
            return Count + 1 <= _options.MaxMessages && Bytes + size <= _buffer.Length;
        }

        /// <summary>
        /// Fills into with the waiting message at index (0 is the oldest), a view valid until the outbox
        /// changes; false when out of range. Nothing is expired or removed. Walks the queue: for rare snapshots.
        /// </summary>
        public bool ReadWaiting(int index, OutboxMessage into)
        {
            if (index < 0 || into == null)
            {
                return false;
            }

            int at = FirstWaiting();
            for (int i = 0; i < index && at >= 0; i++)
            {
                at = After(at);
            }

            return Fill(at, into);
        }

        /// <summary>Moves cursor (filled by <see cref="ReadWaiting"/> since the outbox last changed) to the next waiting message; false at the end.</summary>
        public bool ReadNextWaiting(OutboxMessage cursor)
        {
            if (cursor == null || cursor.Offset < 0 || cursor.Version != _version)
            {
                return false;
            }

            return Fill(After(cursor.Offset), cursor);
        }

        /// <summary>When the oldest waiting message was queued; false when none waits. Allocates nothing.</summary>
        public bool OldestWaitingMs(out long enqueuedMs)
        {
            int at = FirstWaiting();
            enqueuedMs = at < 0 ? 0 : EnqueuedMsOf(at);
            return at >= 0;
        }

        /// <summary>
        /// The oldest waiting message (stale ones are expired first), or null. It stays queued until
        /// <see cref="MarkSent"/>. The same view object is returned every time.
        /// </summary>
        public OutboxMessage PeekWaiting(long nowMs)
        {
            Expire(nowMs);
            return Fill(FirstWaiting(), _peek) ? _peek : null;
        }

        /// <summary>
        /// The head message (as just returned by <see cref="PeekWaiting"/>) went to the link with this packet id:
        /// it waits for its acknowledgement in flight. A packet id of 0 means the link will not acknowledge it,
        /// so it counts as delivered at once. Ignored for a view that is stale or not the head.
        /// </summary>
        public void MarkSent(OutboxMessage message, int packetId)
        {
            if (message == null || message.Version != _version)
            {
                return;
            }

            int at = FirstWaiting();
            if (at < 0 || at != message.Offset)
            {
                return;
            }

            if (packetId <= 0)
            {
                Remove(at);
                Delivered++;
                return;
            }

            _buffer[at] |= InFlightFlag;
            Put16(at + PacketIdAt, packetId);
            InFlightCount++;
            _version++;
        }

        /// <summary>The broker acknowledged this packet id. False when no message in flight had it (the birth, say).</summary>
        public bool Acknowledge(int packetId)
        {
            // In-flight messages all come before the waiting ones.
            for (int at = 0; at < Bytes && (_buffer[at] & InFlightFlag) != 0; at = Next(at))
            {
                if (Get16(at + PacketIdAt) == packetId)
                {
                    Remove(at);
                    Delivered++;
                    return true;
                }
            }

            return false;
        }

        /// <summary>The connection dropped: everything in flight becomes the head of the waiting ones, in its original order.</summary>
        public void RequeueInFlight()
        {
            for (int at = 0; at < Bytes && InFlightCount > 0; at = Next(at))
            {
                if ((_buffer[at] & InFlightFlag) != 0)
                {
                    // Its packet id is set afresh when it is sent again.
                    _buffer[at] &= unchecked((byte)~InFlightFlag);
                    InFlightCount--;
                    long enqueued = EnqueuedMsOf(at);
                    if (enqueued < _oldestWaitingMs)
                    {
                        _oldestWaitingMs = enqueued;
                    }
                }
            }

            InFlightCount = 0;
            _version++;
        }

        /// <summary>Drops waiting messages older than the expiry (none when expiry is 0). Returns how many.</summary>
        public int Expire(long nowMs)
        {
            long expiry = _options.ExpiryMs;
            if (expiry <= 0 || Count == InFlightCount || nowMs - _oldestWaitingMs < expiry)
            {
                return 0;
            }

            int removed = 0;
            long oldest = long.MaxValue;
            int at = 0;
            while (at < Bytes)
            {
                if ((_buffer[at] & InFlightFlag) == 0)
                {
                    long enqueued = EnqueuedMsOf(at);
                    if (nowMs - enqueued >= expiry)
                    {
                        // The next record moves down to this offset.
                        Remove(at);
                        removed++;
                        continue;
                    }

                    if (enqueued < oldest)
                    {
                        oldest = enqueued;
                    }
                }

                at = Next(at);
            }

            _oldestWaitingMs = oldest;
            Expired += removed;
            return removed;
        }

        private bool Refuse(int slot)
        {
            if (slot >= 0)
            {
                ReleaseTopic(slot);
            }

            Dropped++;
            return false;
        }

        // Cuts the record out (the newer ones move down over it: views go stale) and lets go of its topic.
        private void Remove(int at)
        {
            int flags = _buffer[at];
            if ((flags & InFlightFlag) != 0)
            {
                InFlightCount--;
            }

            if ((flags & InlineTopicFlag) == 0)
            {
                ReleaseTopic(_buffer[at + SlotAt]);
            }

            int next = Next(at);
            Array.Copy(_buffer, next, _buffer, at, Bytes - next);
            Bytes -= next - at;
            Count--;
            _version++;
        }

        // The first record not in flight (in-flight ones are all at the head), or -1.
        private int FirstWaiting()
        {
            int at = 0;
            while (at < Bytes && (_buffer[at] & InFlightFlag) != 0)
            {
                at = Next(at);
            }

            return at < Bytes ? at : -1;
        }

        // The waiting record after the one at offset 'at' (every record after a waiting one waits), or -1.
        private int After(int at)
        {
            int next = Next(at);
            return next < Bytes ? next : -1;
        }

        // The slot of topic, counting one more use, or -1 when every slot holds another topic.
        private int AcquireTopic(string topic)
        {
            int free = -1;
            for (int i = 0; i < TopicSlots; i++)
            {
                if (_topicUses[i] == 0)
                {
                    if (free < 0)
                    {
                        free = i;
                    }
                }
                else if (_topicNames[i] == topic)
                {
                    _topicUses[i]++;
                    return i;
                }
            }

            if (free >= 0)
            {
                _topicNames[free] = topic;
                _topicUses[free] = 1;
            }

            return free;
        }

        private void ReleaseTopic(int slot)
        {
            if (--_topicUses[slot] <= 0)
            {
                _topicUses[slot] = 0;
                _topicNames[slot] = null;
            }
        }

        private bool Fill(int at, OutboxMessage into)
        {
            if (at < 0)
            {
                return false;
            }

            int flags = _buffer[at];
            int payloadLength = Get16(at + PayloadLengthAt);
            int correlationLength = Get16(at + CorrelationLengthAt);
            int data = at + HeaderSize;
            int topicAt = data + payloadLength + correlationLength;
            into.Topic = (flags & InlineTopicFlag) != 0 ? Utf8.GetString(_buffer, topicAt + 2, Get16(topicAt)) : _topicNames[_buffer[at + SlotAt]];
            into.Buffer = _buffer;
            into.PayloadOffset = data;
            into.PayloadLength = payloadLength;
            into.Qos = flags & QosMask;
            into.Retain = (flags & RetainFlag) != 0;
            into.CorrelationData = null;
            if (correlationLength > 0)
            {
                // Only answers to MQTT 5 requests carry it; copied so the link may keep it.
                into.CorrelationData = new byte[correlationLength];
                Array.Copy(_buffer, data + payloadLength, into.CorrelationData, 0, correlationLength);
            }

            into.EnqueuedMs = EnqueuedMsOf(at);
            into.Offset = at;
            into.Version = _version;
            return true;
        }

        // The offset after the record at 'at': its header, payload, correlation data and inline topic.
        private int Next(int at)
        {
            int end = at + HeaderSize + Get16(at + PayloadLengthAt) + Get16(at + CorrelationLengthAt);
            return (_buffer[at] & InlineTopicFlag) != 0 ? end + 2 + Get16(end) : end;
        }

        private long EnqueuedMsOf(int at)
        {
            long value = 0;
            for (int i = 7; i >= 0; i--)
            {
                value = (value << 8) | _buffer[at + TimeAt + i];
            }

            return value;
        }

        private int Get16(int at)
        {
            return _buffer[at] | (_buffer[at + 1] << 8);
        }

        private void Put16(int at, int value)
        {
            _buffer[at] = (byte)value;
            _buffer[at + 1] = (byte)(value >> 8);
        }
    }
}
