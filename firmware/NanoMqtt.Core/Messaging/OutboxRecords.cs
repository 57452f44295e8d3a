using System;

namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// The outbox's storage: records packed in one byte array allocated once, oldest first, in
    /// Buffer[0..<see cref="Used"/>). A record is a 16-byte header (flags, topic slot, packet id, payload and
    /// correlation lengths, enqueue time) followed by the payload, the correlation data and, only when the
    /// outbox's topic slots were all taken, the topic itself. A record that leaves is cut out at once, the
    /// newer ones moving down over it (one Array.Copy, no allocation): the free space is always one stretch
    /// at the end, so a record fits whenever the bytes held allow it, and a payload is always in one piece.
    /// </summary>
    internal sealed class OutboxRecords
    {
        public const int HeaderSize = 16;

        public const int QosMask = 0x03;
        public const int RetainFlag = 0x04;
        public const int InFlightFlag = 0x08;
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

        /// <summary>Bytes the records take; the offset after the last one.</summary>
        public int Used;

        public OutboxRecords(int capacity)
        {
            Buffer = new byte[capacity < 0 ? 0 : capacity];
        }

        /// <summary>Bytes a record takes; inlineTopicLength is -1 when its topic is held by slot.</summary>
        public static int SizeOf(int payloadLength, int correlationLength, int inlineTopicLength)
        {
            return HeaderSize + payloadLength + correlationLength + (inlineTopicLength < 0 ? 0 : 2 + inlineTopicLength);
        }

        /// <summary>The offset of the record after the one at offset (<see cref="Used"/> after the last).</summary>
        public int Next(int offset)
        {
            return offset + SizeAt(offset);
        }

        /// <summary>
        /// Writes a record after the last one; the caller has checked that it fits (Used + its size at most
        /// the capacity). The topic's chars go inline, topicLength bytes of UTF-8, when slot is -1.
        /// </summary>
        public void Append(int flags, int slot, byte[] payload, byte[] correlation, char[] topic, int topicLength, long enqueuedMs)
        {
            int payloadLength = payload == null ? 0 : payload.Length;
            int correlationLength = correlation == null ? 0 : correlation.Length;
            int at = Used;
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
                Utf8.Write(topic, 0, topic.Length, Buffer, topicAt + 2);
            }

            Used = at + SizeAt(at);
        }

        /// <summary>Cuts out the record at offset: the newer ones move down over it, so their offsets change.</summary>
        public void Remove(int offset)
        {
            int size = SizeAt(offset);
            Used -= size;
            Array.Copy(Buffer, offset + size, Buffer, offset, Used - offset);
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
