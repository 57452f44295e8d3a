namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// The bounded queue of QoS 1/2 messages: those in flight (sent, not yet acknowledged), then the waiting
    /// ones, in order. When the connection drops, the in-flight ones become the head of the waiting ones
    /// again, so they are sent again first: a duplicate is possible, a loss is not. Every message that leaves
    /// without an acknowledgement is counted, as dropped or expired.
    /// Messages are copied into one <see cref="OutboxRing"/> allocated at start (<see cref="OutboxOptions.MaxBytes"/>
    /// long), their topics held once each in a <see cref="TopicTable"/>: queueing, sending and acknowledging
    /// allocate nothing, and the memory an outage fills is the same the device holds when online.
    /// </summary>
    public sealed class Outbox
    {
        /// <summary>Distinct topics held by slot; further ones are stored in the ring with their message.</summary>
        public const int TopicSlots = 32;

        private readonly OutboxOptions _options;
        private readonly OutboxRing _ring;
        private readonly TopicTable _topics = new TopicTable(TopicSlots);
        private readonly OutboxMessage _peek = new OutboxMessage();
        private OutboxMessage _at;

        /// <summary>Messages held: waiting and in flight.</summary>
        public int Count;
        public int InFlightCount;
        // Position from the head of the record the last walk stopped at (see WaitingFrom).
        private int _position;
        /// <summary>Bytes held (see <see cref="OutboxMessage.SizeOf"/>), at most <see cref="OutboxOptions.MaxBytes"/>.</summary>
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
            _ring = new OutboxRing(_options.MaxBytes);
        }

        public int WaitingCount
        {
            get { return Count - InFlightCount; }
        }

        /// <summary>Distinct topics held by slot (for tests and diagnostics).</summary>
        public int TopicsHeld
        {
            get { return _topics.InUse; }
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
            int slot = _topics.Acquire(topic);
            int topicLength = slot < 0 ? Utf8.ByteCount(topic) : -1;
            int size = OutboxRing.SizeOf(payloadLength, correlationLength, topicLength);
            if (size > _ring.Capacity || payloadLength > OutboxRing.MaxFieldLength || correlationLength > OutboxRing.MaxFieldLength
                || topicLength > OutboxRing.MaxFieldLength)
            {
                return Refuse(slot);
            }

            while (Count + 1 > _options.MaxMessages || Bytes + size > _ring.Capacity)
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

            _ring.Reclaim();

            int flags = (qos & OutboxRing.QosMask) | (retain ? OutboxRing.RetainFlag : 0);
            int at = _ring.Append(flags, slot, payload, correlationData, topic, topicLength, nowMs);
            if (at < 0)
            {
                // Room enough in all, but not in one stretch: gather the free space (records move, views go stale).
                _ring.Compact();
                _version++;
                at = _ring.Append(flags, slot, payload, correlationData, topic, topicLength, nowMs);
                if (at < 0)
                {
                    return Refuse(slot);
                }
            }

            Count++;
            Bytes += size;
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
            return Count + 1 <= _options.MaxMessages && Bytes + size <= _ring.Capacity;
        }

        /// <summary>
        /// The waiting message at index (0 is the oldest), or null when out of range; a view valid until the
        /// outbox changes. Nothing is expired or removed. Walks the queue: for tests and rare snapshots.
        /// </summary>
        public OutboxMessage WaitingAt(int index)
        {
            if (_at == null)
            {
                _at = new OutboxMessage();
            }

            return ReadWaiting(index, _at) ? _at : null;
        }

        /// <summary>Fills into with the waiting message at index (0 is the oldest); false when out of range.</summary>
        public bool ReadWaiting(int index, OutboxMessage into)
        {
            if (index < 0 || into == null)
            {
                return false;
            }

            int at = FirstWaiting();
            for (int i = 0; i < index && at >= 0; i++)
            {
                at = WaitingFrom(_ring.Next(at), _position + 1);
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

            return Fill(WaitingFrom(_ring.Next(cursor.Offset), cursor.Position + 1), cursor);
        }

        /// <summary>When the oldest waiting message was queued; false when none waits. Allocates nothing.</summary>
        public bool OldestWaitingMs(out long enqueuedMs)
        {
            int at = FirstWaiting();
            enqueuedMs = at < 0 ? 0 : _ring.EnqueuedMsOf(at);
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
                _ring.Reclaim();
                return;
            }

            _ring.SetFlags(at, _ring.FlagsOf(at) | OutboxRing.InFlightFlag);
            _ring.SetPacketId(at, packetId);
            message.PacketId = packetId;
            InFlightCount++;
            _version++;
        }

        /// <summary>The broker acknowledged this packet id. False when no message in flight had it (the birth, say).</summary>
        public bool Acknowledge(int packetId)
        {
            int at = _ring.First;
            for (int i = 0; i < _ring.Records; i++, at = _ring.Next(at))
            {
                int flags = _ring.FlagsOf(at);
                if ((flags & OutboxRing.DeadFlag) != 0)
                {
                    continue;
                }

                if ((flags & OutboxRing.InFlightFlag) == 0)
                {
                    // In-flight messages all come before the waiting ones.
                    return false;
                }

                if (_ring.PacketIdOf(at) == packetId)
                {
                    Remove(at);
                    Delivered++;
                    _ring.Reclaim();
                    return true;
                }
            }

            return false;
        }

        /// <summary>The connection dropped: everything in flight becomes the head of the waiting ones, in its original order.</summary>
        public void RequeueInFlight()
        {
            int at = _ring.First;
            for (int i = 0; i < _ring.Records && InFlightCount > 0; i++, at = _ring.Next(at))
            {
                int flags = _ring.FlagsOf(at);
                if ((flags & OutboxRing.DeadFlag) == 0 && (flags & OutboxRing.InFlightFlag) != 0)
                {
                    _ring.SetFlags(at, flags & ~OutboxRing.InFlightFlag);
                    _ring.SetPacketId(at, 0);
                    InFlightCount--;
                    long enqueued = _ring.EnqueuedMsOf(at);
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
            int at = _ring.First;
            for (int i = 0; i < _ring.Records; i++, at = _ring.Next(at))
            {
                int flags = _ring.FlagsOf(at);
                if ((flags & (OutboxRing.DeadFlag | OutboxRing.InFlightFlag)) != 0)
                {
                    continue;
                }

                long enqueued = _ring.EnqueuedMsOf(at);
                if (nowMs - enqueued >= expiry)
                {
                    Remove(at);
                    removed++;
                }
                else if (enqueued < oldest)
                {
                    oldest = enqueued;
                }
            }

            _oldestWaitingMs = oldest;
            Expired += removed;
            _ring.Reclaim();
            return removed;
        }

        private bool Refuse(int slot)
        {
            if (slot >= 0)
            {
                _topics.Release(slot);
            }

            Dropped++;
            return false;
        }

        // Marks the record dead and lets go of its topic; the caller takes the space back (Reclaim) once done walking.
        private void Remove(int at)
        {
            int flags = _ring.FlagsOf(at);
            if ((flags & OutboxRing.InFlightFlag) != 0)
            {
                InFlightCount--;
            }

            if ((flags & OutboxRing.InlineTopicFlag) == 0)
            {
                _topics.Release(_ring.SlotOf(at));
            }

            _ring.SetFlags(at, flags | OutboxRing.DeadFlag);
            Bytes -= _ring.SizeAt(at);
            Count--;
            _version++;
        }

        private int FirstWaiting()
        {
            return WaitingFrom(_ring.First, 0);
        }

        // The first waiting record at or after the one at offset 'at', which is 'position' records from the
        // head; -1 when none. Sets _position to where it stopped. Records only know their successor.
        private int WaitingFrom(int at, int position)
        {
            for (; position < _ring.Records; position++, at = _ring.Next(at))
            {
                if ((_ring.FlagsOf(at) & (OutboxRing.DeadFlag | OutboxRing.InFlightFlag)) == 0)
                {
                    _position = position;
                    return at;
                }
            }

            return -1;
        }

        private bool Fill(int at, OutboxMessage into)
        {
            if (at < 0)
            {
                return false;
            }

            int flags = _ring.FlagsOf(at);
            int payloadLength = _ring.PayloadLengthOf(at);
            int correlationLength = _ring.CorrelationLengthOf(at);
            byte[] buffer = _ring.Buffer;
            if ((flags & OutboxRing.InlineTopicFlag) != 0)
            {
                into.Topic = Utf8.GetString(buffer, _ring.InlineTopicAt(at), _ring.InlineTopicLengthOf(at));
            }
            else
            {
                into.Topic = _topics.At(_ring.SlotOf(at));
            }

            into.Buffer = buffer;
            into.PayloadOffset = at + OutboxRing.HeaderSize;
            into.PayloadLength = payloadLength;
            into.Qos = flags & OutboxRing.QosMask;
            into.Retain = (flags & OutboxRing.RetainFlag) != 0;
            into.CorrelationData = null;
            if (correlationLength > 0)
            {
                // Only answers to MQTT 5 requests carry it; copied so the link may keep it.
                into.CorrelationData = new byte[correlationLength];
                System.Array.Copy(buffer, at + OutboxRing.HeaderSize + payloadLength, into.CorrelationData, 0, correlationLength);
            }

            into.EnqueuedMs = _ring.EnqueuedMsOf(at);
            into.Size = _ring.SizeAt(at);
            into.PacketId = _ring.PacketIdOf(at);
            into.Offset = at;
            into.Position = _position;
            into.Version = _version;
            return true;
        }
    }
}
