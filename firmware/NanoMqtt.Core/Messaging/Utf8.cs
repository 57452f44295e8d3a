namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// UTF-8 without System.Text (not in nanoFramework's mscorlib). Decoding is strict: a command payload
    /// with a broken sequence is refused rather than guessed at.
    /// </summary>
    public static class Utf8
    {
        // A string's indexer costs O(i) on nanoCLR (strings are UTF-8 inside) and returns the high surrogate
        // at a low surrogate's index, so strings are read through one ToCharArray() copy.

        /// <summary>Bytes needed to encode the string; surrogate pairs count as four bytes.</summary>
        public static int ByteCount(string s)
        {
            char[] chars = s.ToCharArray();
            return Write(chars, 0, chars.Length, null, 0);
        }

        public static byte[] GetBytes(string s)
        {
            return GetBytes(s.ToCharArray());
        }

        public static byte[] GetBytes(char[] chars)
        {
            byte[] bytes = new byte[Write(chars, 0, chars.Length, null, 0)];
            Write(chars, 0, chars.Length, bytes, 0);
            return bytes;
        }

        /// <summary>
        /// Encodes chars[start..start+length) into the buffer at offset (the caller sizes it) and returns the
        /// number of bytes written; with a null buffer, only counts them.
        /// </summary>
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
        /// Encodes c at offset (up to 4 bytes; the caller sizes the buffer, or passes null to only count) and
        /// returns the bytes it takes. next is the char after c, or '\0': when c and next form a surrogate
        /// pair both are encoded, 4 bytes, and the caller skips next. Lets a char[] be encoded without making
        /// a string of it.
        /// </summary>
        public static int WriteChar(char c, char next, byte[] buffer, int offset)
        {
            int cp = c;
            int n = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (c >= 0xD800 && c <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF)
            {
                cp = 0x10000 + ((c - 0xD800) << 10) + (next - 0xDC00);
                n = 4;
            }
            else if (c >= 0xD800 && c <= 0xDFFF)
            {
                // A lone surrogate has no UTF-8 form; U+FFFD keeps the output valid.
                cp = 0xFFFD;
            }

            if (buffer != null)
            {
                // The lead byte: the char itself, or n high bits set (0xC0, 0xE0, 0xF0) and the top bits of the
                // code point; then 6 bits in each continuation byte.
                buffer[offset] = (byte)(n == 1 ? cp : (0xFF00 >> n) | (cp >> (6 * (n - 1))));
                for (int k = 1; k < n; k++)
                {
                    buffer[offset + k] = (byte)(0x80 | ((cp >> (6 * (n - 1 - k))) & 0x3F));
                }
            }

            return n;
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

                // A lead byte 110xxxxx, 1110xxxx or 11110xxx announces 1, 2 or 3 continuation bytes; the code
                // point must need them all (no overlong form).
                if (b < 0xC0 || b > 0xF7)
                {
                    return -1;
                }

                int need = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
                int cp = b & (0x3F >> need);
                int min = need == 3 ? 0x10000 : need == 2 ? 0x800 : 0x80;
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
    }
}
