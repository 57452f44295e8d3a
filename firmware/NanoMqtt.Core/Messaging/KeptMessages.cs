using System.Collections;

namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// The text form of the readings kept through a deep sleep or a reboot (<see cref="OutboxKeeper"/>), for
    /// an <see cref="Platform.ISettingsStore"/> value: "nmq1,gapMs,dropped" then one
    /// ";qos,retain,ageMs,topic,payload,correlation" per message, oldest first, the last three as lowercase
    /// hex (payloads are bytes; hex needs no escaping in any store). The age is kept rather than the enqueue
    /// time because the clock restarts at every boot; the next boot adds the gap (the sleep; 0 for a reboot,
    /// which takes seconds) to it, so the outbox's expiry still counts from when a reading was taken.
    /// </summary>
    public static class KeptMessages
    {
        public const string Version = "nmq1";

        /// <summary>The start of the stored text; one <see cref="Entry"/> per message follows it, oldest first.</summary>
        public static string Header(long gapMs, long dropped)
        {
            return Version + "," + gapMs.ToString() + "," + dropped.ToString();
        }

        /// <summary>The stored form of one message (a view of the outbox will do), given the time now.</summary>
        public static string Entry(OutboxMessage m, long nowMs)
        {
            long age = nowMs - m.EnqueuedMs;
            byte[] correlation = m.CorrelationData;
            return ";" + m.Qos.ToString() + "," + (m.Retain ? "1" : "0") + "," + (age < 0 ? 0 : age).ToString()
                + "," + ToHex(Utf8.GetBytes(m.Topic)) + "," + ToHex(m.Buffer, m.PayloadOffset, m.PayloadLength)
                + "," + ToHex(correlation, 0, correlation == null ? 0 : correlation.Length);
        }

        /// <summary>Bytes of a message as the kept record's bound counts them: topic, payload and correlation data (about half its stored size).</summary>
        public static int SizeOf(OutboxMessage m)
        {
            return Utf8.ByteCount(m.Topic) + m.PayloadLength + (m.CorrelationData == null ? 0 : m.CorrelationData.Length);
        }

        /// <summary>
        /// Reads stored text into messages (added to into, oldest first) whose enqueue time is placed in
        /// the clock of this boot at nowMs. Returns false when the text is not ours at all (nothing is added);
        /// malformed entries are skipped and counted in bad. Never throws.
        /// </summary>
        public static bool Decode(string text, long nowMs, ArrayList into, out long dropped, out int bad)
        {
            dropped = 0;
            bad = 0;
            if (text == null || into == null)
            {
                return false;
            }

            string[] parts = text.Split(';');
            string[] header = parts[0].Split(',');
            long gap;
            if (header.Length != 3 || header[0] != Version || !TryParseNonNegative(header[1], out gap) || !TryParseNonNegative(header[2], out dropped))
            {
                dropped = 0;
                return false;
            }

            for (int i = 1; i < parts.Length; i++)
            {
                OutboxMessage m = DecodeOne(parts[i], nowMs, gap);
                if (m == null)
                {
                    bad++;
                }
                else
                {
                    into.Add(m);
                }
            }

            return true;
        }

        private static OutboxMessage DecodeOne(string entry, long nowMs, long gap)
        {
            string[] f = entry.Split(',');
            long qos;
            long age;
            if (f.Length != 6 || !TryParseNonNegative(f[0], out qos) || qos < 1 || qos > 2 || (f[1] != "0" && f[1] != "1")
                || !TryParseNonNegative(f[2], out age))
            {
                return null;
            }

            byte[] topicBytes = FromHex(f[3]);
            byte[] payload = FromHex(f[4]);
            byte[] correlation = FromHex(f[5]);
            if (topicBytes == null || topicBytes.Length == 0 || payload == null || correlation == null)
            {
                return null;
            }

            string topic = Utf8.GetString(topicBytes, 0, topicBytes.Length);
            return new OutboxMessage
            {
                Topic = topic,
                Buffer = payload,
                PayloadLength = payload.Length,
                Qos = (int)qos,
                Retain = f[1] == "1",
                CorrelationData = correlation.Length == 0 ? null : correlation,
                EnqueuedMs = nowMs - age - gap,
            };
        }

        public static string ToHex(byte[] bytes)
        {
            return ToHex(bytes, 0, bytes == null ? 0 : bytes.Length);
        }

        public static string ToHex(byte[] bytes, int offset, int count)
        {
            if (bytes == null || count <= 0)
            {
                return string.Empty;
            }

            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                int high = bytes[offset + i] >> 4;
                int low = bytes[offset + i] & 0x0F;
                chars[2 * i] = (char)(high < 10 ? '0' + high : 'a' - 10 + high);
                chars[2 * i + 1] = (char)(low < 10 ? '0' + low : 'a' - 10 + low);
            }

            return new string(chars);
        }

        /// <summary>The bytes of lowercase or uppercase hex, an empty array for "", or null when malformed.</summary>
        public static byte[] FromHex(string hex)
        {
            char[] chars = hex == null ? null : hex.ToCharArray();
            if (chars == null || chars.Length % 2 != 0)
            {
                return null;
            }

            byte[] bytes = new byte[chars.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                int high = JsonReader.HexValue(chars[2 * i]);
                int low = JsonReader.HexValue(chars[2 * i + 1]);
                if (high < 0 || low < 0)
                {
                    return null;
                }

                bytes[i] = (byte)(high * 16 + low);
            }

            return bytes;
        }

        private static bool TryParseNonNegative(string text, out long value)
        {
            value = 0;
            if (text == null || text.Length == 0 || text.Length > 18)
            {
                return false;
            }

            char[] chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = value * 10 + (c - '0');
            }

            return true;
        }
    }
}
