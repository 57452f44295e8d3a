using System;

namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// The outbox's storage: records in one byte array allocated once, oldest first. A record is a 16-byte
    /// header (flags, topic slot, packet id, payload and correlation lengths, enqueue time) followed by the
    /// payload, the correlation data and, only when the topic table was full, the topic itself. A record
    /// never wraps around the end, so its payload can be handed to the link in one piece. Records leave by
    /// being marked dead; the space of dead records at the head is taken back at once, and holes further in
    /// (an acknowledgement out of order, a drop behind in-flight records) by <see cref="Compact"/>.
    /// </summary>
    internal sealed class OutboxRing
    {
        public const int HeaderSize = 16;

        public const int QosMask = 0x03;
        public const int RetainFlag = 0x04;
        public const int InFlightFlag = 0x08;
        public const int DeadFlag = 0x10;
        public const int InlineTopicFlag = 0x20;

        /// <summary>Largest payload, correlation data or inline topic a record can hold (16-bit lengths).</summary>
        public const int MaxFieldLength = 0xFFFF;

        private const int FlagsAt = 0;
        private const int SlotAt = 1;
        private const int PacketIdAt = 2;
        private const int PayloadLengthAt = 4;
        private const int CorrelationLengthAt = 6;
        private const int TimeAt = 8;

        public readonly byte[] Buffer;

        // Not wrapped: records fill [First, _tail). Wrapped: [First, _end) then [0, _tail), free space is
        // [_tail, First), and [_end, length) is a gap no record fitted in.
        /// <summary>Offset of the oldest record (meaningful while <see cref="Records"/> is not 0).</summary>
        public int First;
        private int _tail;
        private int _end;
        private bool _wrapped;
        /// <summary>Records held, dead ones not yet taken back included.</summary>
        public int Records;

        public OutboxRing(int capacity)
        {
            Buffer = new byte[capacity < 0 ? 0 : capacity];
        }

        public int Capacity
        {
            get { return Buffer.Length; }
        }

        /// <summary>Bytes a record takes; inlineTopicLength is -1 when its topic is in the topic table.</summary>
        public static int SizeOf(int payloadLength, int correlationLength, int inlineTopicLength)
        {
            return HeaderSize + payloadLength + correlationLength + (inlineTopicLength < 0 ? 0 : 2 + inlineTopicLength);
        }

        /// <summary>The record after the one at offset (call at most Records - 1 times from First).</summary>
        public int Next(int offset)
        {
            int next = offset + SizeAt(offset);
            return _wrapped && next == _end ? 0 : next;
        }

        /// <summary>
        /// Writes a record at the tail and returns its offset, or -1 when no free stretch is long enough
        /// (<see cref="Compact"/> joins the free space). The topic goes inline when slot is -1.
        /// </summary>
        public int Append(int flags, int slot, byte[] payload, byte[] correlation, string topic, int topicLength, long enqueuedMs)
        {
            int payloadLength = payload == null ? 0 : payload.Length;
            int correlationLength = correlation == null ? 0 : correlation.Length;
            int size = SizeOf(payloadLength, correlationLength, slot < 0 ? topicLength : -1);
            int at = Reserve(size);
            if (at < 0)
            {
                return -1;
            }

            Buffer[at + FlagsAt] = (byte)(slot < 0 ? flags | InlineTopicFlag : flags);
            Buffer[at + SlotAt] = (byte)(slot < 0 ? 0 : slot);
            Put16(at + PacketIdAt, 0);
            Put16(at + PayloadLengthAt, payloadLength);
            Put16(at + CorrelationLengthAt, correlationLength);
            for (int i = 0; i < 8; i++)
            {
                Buffer[at + TimeAt + i] = (byte)(enqueuedMs >> (8 * i));
            }

            int data = at + HeaderSize;
            if (payloadLength > 0)
            {
                Array.Copy(payload, 0, Buffer, data, payloadLength);
            }

            if (correlationLength > 0)
            {
                Array.Copy(correlation, 0, Buffer, data + payloadLength, correlationLength);
            }

            if (slot < 0)
            {
                int topicAt = data + payloadLength + correlationLength;
                Put16(topicAt, topicLength);
                Utf8.Write(topic, Buffer, topicAt + 2);
            }

            Records++;
            return at;
        }

        public int FlagsOf(int offset)
        {
            return Buffer[offset + FlagsAt];
        }

        public void SetFlags(int offset, int flags)
        {
            Buffer[offset + FlagsAt] = (byte)flags;
        }

        public int SlotOf(int offset)
        {
            return Buffer[offset + SlotAt];
        }

        public int PacketIdOf(int offset)
        {
            return Get16(offset + PacketIdAt);
        }

        public void SetPacketId(int offset, int packetId)
        {
            Put16(offset + PacketIdAt, packetId);
        }

        public int PayloadLengthOf(int offset)
        {
            return Get16(offset + PayloadLengthAt);
        }

        public int CorrelationLengthOf(int offset)
        {
            return Get16(offset + CorrelationLengthAt);
        }

        public long EnqueuedMsOf(int offset)
        {
            long value = 0;
            for (int i = 7; i >= 0; i--)
            {
                value = (value << 8) | Buffer[offset + TimeAt + i];
            }

            return value;
        }

        /// <summary>Offset of the inline topic's bytes (after a 2-byte length), for a record with <see cref="InlineTopicFlag"/>.</summary>
        public int InlineTopicAt(int offset)
        {
            return offset + HeaderSize + PayloadLengthOf(offset) + CorrelationLengthOf(offset) + 2;
        }

        public int InlineTopicLengthOf(int offset)
        {
            return Get16(InlineTopicAt(offset) - 2);
        }

        public int SizeAt(int offset)
        {
            bool inline = (Buffer[offset + FlagsAt] & InlineTopicFlag) != 0;
            return SizeOf(PayloadLengthOf(offset), CorrelationLengthOf(offset), inline ? InlineTopicLengthOf(offset) : -1);
        }

        /// <summary>Takes back the space of the dead records at the head.</summary>
        public void Reclaim()
        {
            while (Records > 0 && (Buffer[First + FlagsAt] & DeadFlag) != 0)
            {
                First += SizeAt(First);
                Records--;
                if (_wrapped && First == _end)
                {
                    First = 0;
                    _wrapped = false;
                }
            }

            if (Records == 0)
            {
                First = 0;
                _tail = 0;
                _wrapped = false;
            }
        }

        /// <summary>
        /// Drops the dead records and joins all free space into one stretch, keeping the order: each part of
        /// the ring is packed towards its start, then the older part moves to the end of the array.
        /// Offsets of records change.
        /// </summary>
        public void Compact()
        {
            Reclaim();
            if (Records == 0)
            {
                return;
            }

            if (!_wrapped)
            {
                _tail = Pack(First, Records, 0);
                First = 0;
                return;
            }

            int older = 0;
            for (int at = First; at < _end; at += SizeAt(at))
            {
                older++;
            }

            int newer = Records - older;
            int olderEnd = Pack(First, older, First);
            int newerEnd = Pack(0, newer, 0);
            int olderLength = olderEnd - First;
            Array.Copy(Buffer, First, Buffer, Buffer.Length - olderLength, olderLength);
            First = Buffer.Length - olderLength;
            _end = Buffer.Length;
            _tail = newerEnd;
        }

        private int Reserve(int size)
        {
            if (_wrapped)
            {
                return First - _tail >= size ? Advance(size) : -1;
            }

            if (Buffer.Length - _tail >= size)
            {
                return Advance(size);
            }

            if (Records > 0 && First >= size)
            {
                _end = _tail;
                _tail = 0;
                _wrapped = true;
                return Advance(size);
            }

            return -1;
        }

        private int Advance(int size)
        {
            int at = _tail;
            _tail += size;
            return at;
        }

        // Moves the live ones of count records from offset to 'to' (never after offset), in order, and
        // returns where they end. Array.Copy moves overlapping ranges of one array correctly.
        private int Pack(int offset, int count, int to)
        {
            int write = to;
            for (int i = 0; i < count; i++)
            {
                int size = SizeAt(offset);
                if ((Buffer[offset + FlagsAt] & DeadFlag) == 0)
                {
                    if (write != offset)
                    {
                        Array.Copy(Buffer, offset, Buffer, write, size);
                    }

                    write += size;
                }
                else
                {
                    Records--;
                }

                offset += size;
            }

            return write;
        }

        private int Get16(int at)
        {
            return Buffer[at] | (Buffer[at + 1] << 8);
        }

        private void Put16(int at, int value)
        {
            Buffer[at] = (byte)value;
            Buffer[at + 1] = (byte)(value >> 8);
        }
    }
}
