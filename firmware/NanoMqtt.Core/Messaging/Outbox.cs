namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// The bounded queue of QoS 1/2 messages: those in flight (sent, not yet acknowledged), then the waiting
    /// ones, in order. When the connection drops, the in-flight ones become the head of the waiting ones
    /// again, so they are sent again first: a duplicate is possible, a loss is not. Every message that leaves
    /// without an acknowledgement is counted, as dropped or expired.
    /// Messages are copied into one <see cref="OutboxRecords"/> array allocated at start (<see cref="OutboxOptions.MaxBytes"/>
    /// long), their topics held once each by slot: queueing, sending and acknowledging allocate nothing, and
    /// the memory an outage fills is the same the device holds when online.
    /// </summary>
    public sealed class Outbox
    {
        /// <summary>Distinct topics held by slot; further ones are stored in the record with their message.</summary>
        public const int TopicSlots = 32;

        private readonly OutboxOptions _options;
        private readonly OutboxRecords _records;
        private readonly OutboxMessage _peek = new OutboxMessage();

        // The topics of the queued messages by slot, each held once however many messages wait on it; a
        // slot lets go of its string when its last message leaves, so an outage's topics are released after it.
        private readonly string[] _topicNames = new string[TopicSlots];
        private readonly int[] _topicUses = new int[TopicSlots];

        /// <summary>Messages held: waiting and in flight.</summary>
        public int Count;
        public int InFlightCount;
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
            _records = new OutboxRecords(_options.MaxBytes);
        }

        public int WaitingCount
        {
            get { return Count - InFlightCount; }
        }

        /// <summary>Bytes held (see <see cref="OutboxMessage.SizeOf"/>), at most <see cref="OutboxOptions.MaxBytes"/>.</summary>
        public int Bytes
        {
            get { return _records.Used; }
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
            int size = OutboxRecords.SizeOf(payloadLength, correlationLength, topicLength);
            int capacity = _records.Buffer.Length;
            if (size > capacity || payloadLength > OutboxRecords.MaxFieldLength || correlationLength > OutboxRecords.MaxFieldLength
                || topicLength > OutboxRecords.MaxFieldLength)
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

            int flags = (qos & OutboxRecords.QosMask) | (retain ? OutboxRecords.RetainFlag : 0);
            _records.Append(flags, slot, payload, correlationData, inlineTopic, topicLength, nowMs);
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
            return Count + 1 <= _options.MaxMessages && Bytes + size <= _records.Buffer.Length;
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
            enqueuedMs = at < 0 ? 0 : _records.EnqueuedMsOf(at);
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

            _records.SetFlags(at, _records.FlagsOf(at) | OutboxRecords.InFlightFlag);
            _records.SetPacketId(at, packetId);
            InFlightCount++;
            _version++;
        }

        /// <summary>The broker acknowledged this packet id. False when no message in flight had it (the birth, say).</summary>
        public bool Acknowledge(int packetId)
        {
            // In-flight messages all come before the waiting ones.
            for (int at = 0; at < _records.Used && (_records.FlagsOf(at) & OutboxRecords.InFlightFlag) != 0; at = _records.Next(at))
            {
                if (_records.PacketIdOf(at) == packetId)
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
            for (int at = 0; at < _records.Used && InFlightCount > 0; at = _records.Next(at))
            {
                int flags = _records.FlagsOf(at);
                if ((flags & OutboxRecords.InFlightFlag) != 0)
                {
                    // Its packet id is set afresh when it is sent again.
                    _records.SetFlags(at, flags & ~OutboxRecords.InFlightFlag);
                    InFlightCount--;
                    long enqueued = _records.EnqueuedMsOf(at);
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
            while (at < _records.Used)
            {
                if ((_records.FlagsOf(at) & OutboxRecords.InFlightFlag) == 0)
                {
                    long enqueued = _records.EnqueuedMsOf(at);
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

                at = _records.Next(at);
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

        // Cuts the record out and lets go of its topic; records after it move (views go stale).
        private void Remove(int at)
        {
            int flags = _records.FlagsOf(at);
            if ((flags & OutboxRecords.InFlightFlag) != 0)
            {
                InFlightCount--;
            }

            if ((flags & OutboxRecords.InlineTopicFlag) == 0)
            {
                ReleaseTopic(_records.SlotOf(at));
            }

            _records.Remove(at);
            Count--;
            _version++;
        }

        // The first record not in flight (in-flight ones are all at the head), or -1.
        private int FirstWaiting()
        {
            int at = 0;
            while (at < _records.Used && (_records.FlagsOf(at) & OutboxRecords.InFlightFlag) != 0)
            {
                at = _records.Next(at);
            }

            return at < _records.Used ? at : -1;
        }

        // The waiting record after the one at offset 'at' (every record after a waiting one waits), or -1.
        private int After(int at)
        {
            int next = _records.Next(at);
            return next < _records.Used ? next : -1;
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

            int flags = _records.FlagsOf(at);
            int payloadLength = _records.PayloadLengthOf(at);
            int correlationLength = _records.CorrelationLengthOf(at);
            byte[] buffer = _records.Buffer;
            into.Topic = (flags & OutboxRecords.InlineTopicFlag) != 0
                ? Utf8.GetString(buffer, _records.InlineTopicAt(at), _records.InlineTopicLengthOf(at))
                : _topicNames[_records.SlotOf(at)];
            into.Buffer = buffer;
            into.PayloadOffset = at + OutboxRecords.HeaderSize;
            into.PayloadLength = payloadLength;
            into.Qos = flags & OutboxRecords.QosMask;
            into.Retain = (flags & OutboxRecords.RetainFlag) != 0;
            into.CorrelationData = null;
            if (correlationLength > 0)
            {
                // Only answers to MQTT 5 requests carry it; copied so the link may keep it.
                into.CorrelationData = new byte[correlationLength];
                System.Array.Copy(buffer, at + OutboxRecords.HeaderSize + payloadLength, into.CorrelationData, 0, correlationLength);
            }

            into.EnqueuedMs = _records.EnqueuedMsOf(at);
            into.Offset = at;
            into.Version = _version;
            return true;
        }
    }
}
