namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// UTF-8 without System.Text (not in nanoFramework's mscorlib). Decoding is strict: a command payload
    /// with a broken sequence is refused rather than guessed at.
    /// </summary>
    public static class Utf8
    {
        // A string's indexer costs O(i) on nanoCLR (strings are UTF-8 inside) and returns the high surrogate
        // at a low surrogate's index, so strings are read through one ToCharArray() copy. The outbox counts
        // the same long-lived topic strings for every message: the last few counts are kept by reference so
        // that counting them allocates nothing.
        private const int CountCacheSize = 8;
        private static readonly CountedText[] CountCache = new CountedText[CountCacheSize];
        private static int _nextCountSlot;

        /// <summary>Bytes needed to encode the string; surrogate pairs count as four bytes.</summary>
        public static int ByteCount(string s)
        {
            for (int i = 0; i < CountCacheSize; i++)
            {
                CountedText cached = CountCache[i];
                if (cached != null && (object)cached.Text == (object)s)
                {
                    return cached.Count;
                }
            }

            char[] chars = s.ToCharArray();
            int count = ByteCount(chars, 0, chars.Length);
            int slot = _nextCountSlot;
            _nextCountSlot = (slot + 1) % CountCacheSize;
            CountCache[slot] = new CountedText(s, count);
            return count;
        }

        /// <summary>Bytes needed to encode chars[start..start+length); surrogate pairs count as four bytes.</summary>
        public static int ByteCount(char[] chars, int start, int length)
        {
            int count = 0;
            int end = start + length;
            for (int i = start; i < end; i++)
            {
                char c = chars[i];
                if (c < 0x80)
                {
                    count += 1;
                }
                else if (c < 0x800)
                {
                    count += 2;
                }
                else if (IsHighSurrogate(c) && i + 1 < end && IsLowSurrogate(chars[i + 1]))
                {
                    count += 4;
                    i++;
                }
                else
                {
                    count += 3;
                }
            }

            return count;
        }

        public static byte[] GetBytes(string s)
        {
            return GetBytes(s.ToCharArray());
        }

        public static byte[] GetBytes(char[] chars)
        {
            byte[] bytes = new byte[ByteCount(chars, 0, chars.Length)];
            Write(chars, 0, chars.Length, bytes, 0);
            return bytes;
        }

        /// <summary>Encodes into the buffer at offset and returns the number of bytes written. The caller sizes the buffer.</summary>
        public static int Write(string s, byte[] buffer, int offset)
        {
            char[] chars = s.ToCharArray();
            return Write(chars, 0, chars.Length, buffer, offset);
        }

        /// <summary>Encodes chars[start..start+length) into the buffer at offset and returns the number of bytes written.</summary>
        public static int Write(char[] chars, int start, int length, byte[] buffer, int offset)
        {
            int at = offset;
            int end = start + length;
            for (int i = start; i < end; i++)
            {
                int written = WriteChar(chars[i], i + 1 < end ? chars[i + 1] : '\0', buffer, at);
                at += written;
                if (written == 4)
                {
                    i++;
                }
            }

            return at - offset;
        }

        /// <summary>
        /// Encodes c at offset (up to 4 bytes; the caller sizes the buffer) and returns the bytes written. next
        /// is the char after c, or '\0': when c and next form a surrogate pair both are encoded, 4 bytes, and
        /// the caller skips next. Lets a char[] be encoded without making a string of it.
        /// </summary>
        public static int WriteChar(char c, char next, byte[] buffer, int offset)
        {
            if (c < 0x80)
            {
                buffer[offset] = (byte)c;
                return 1;
            }

            if (c < 0x800)
            {
                buffer[offset] = (byte)(0xC0 | (c >> 6));
                buffer[offset + 1] = (byte)(0x80 | (c & 0x3F));
                return 2;
            }

            if (IsHighSurrogate(c) && IsLowSurrogate(next))
            {
                int cp = 0x10000 + ((c - 0xD800) << 10) + (next - 0xDC00);
                buffer[offset] = (byte)(0xF0 | (cp >> 18));
                buffer[offset + 1] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                buffer[offset + 2] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                buffer[offset + 3] = (byte)(0x80 | (cp & 0x3F));
                return 4;
            }

            // A lone surrogate has no UTF-8 form; U+FFFD keeps the output valid.
            int u = IsHighSurrogate(c) || IsLowSurrogate(c) ? 0xFFFD : c;
            buffer[offset] = (byte)(0xE0 | (u >> 12));
            buffer[offset + 1] = (byte)(0x80 | ((u >> 6) & 0x3F));
            buffer[offset + 2] = (byte)(0x80 | (u & 0x3F));
            return 3;
        }

        /// <summary>Decodes strictly; null when the bytes are not valid UTF-8 (overlong, truncated, surrogates, above U+10FFFF).</summary>
        public static string GetString(byte[] bytes, int offset, int count)
        {
            if (bytes == null || offset < 0 || count < 0 || offset + count > bytes.Length)
            {
                return null;
            }

            char[] chars = new char[count];
            int n = Decode(bytes, offset, count, chars);
            return n < 0 ? null : new string(chars, 0, n);
        }

        /// <summary>
        /// Decodes strictly into chars (which must hold count chars: UTF-8 never needs more chars than
        /// bytes) and returns how many were written, or -1 when the bytes are not valid UTF-8 or out of range.
        /// With a buffer that the caller keeps, a command payload is decoded without allocating.
        /// </summary>
        public static int Decode(byte[] bytes, int offset, int count, char[] chars)
        {
            if (bytes == null || chars == null || offset < 0 || count < 0 || offset + count > bytes.Length || chars.Length < count)
            {
                return -1;
            }

            int n = 0;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int b = bytes[i];
                if (b < 0x80)
                {
                    chars[n++] = (char)b;
                    i++;
                    continue;
                }

                int need;
                int cp;
                int min;
                if ((b & 0xE0) == 0xC0)
                {
                    need = 1;
                    cp = b & 0x1F;
                    min = 0x80;
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    need = 2;
                    cp = b & 0x0F;
                    min = 0x800;
                }
                else if ((b & 0xF8) == 0xF0)
                {
                    need = 3;
                    cp = b & 0x07;
                    min = 0x10000;
                }
                else
                {
                    return -1;
                }

                if (i + need >= end)
                {
                    return -1;
                }

                for (int k = 1; k <= need; k++)
                {
                    int cont = bytes[i + k];
                    if ((cont & 0xC0) != 0x80)
                    {
                        return -1;
                    }

                    cp = (cp << 6) | (cont & 0x3F);
                }

                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                {
                    return -1;
                }

                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)cp;
                }

                i += need + 1;
            }

            return n;
        }

        private static bool IsHighSurrogate(char c)
        {
            return c >= 0xD800 && c <= 0xDBFF;
        }

        private static bool IsLowSurrogate(char c)
        {
            return c >= 0xDC00 && c <= 0xDFFF;
        }
    }

    /// <summary>A string and its UTF-8 byte count, set together so that a reader on another thread sees both or neither.</summary>
    internal sealed class CountedText
    {
        public readonly string Text;
        public readonly int Count;

        public CountedText(string text, int count)
        {
            Text = text;
            Count = count;
        }
    }
}
