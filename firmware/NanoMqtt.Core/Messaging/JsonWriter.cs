namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// Compact JSON straight into a reusable UTF-8 buffer, without System.Text or a JSON library. Numbers
    /// with decimals are written from scaled integers, so no double formatting (slow and culture-prone on
    /// the device) runs on the hot path. One writer per producer; not thread-safe.
    /// </summary>
    public sealed class JsonWriter
    {
        private const int MaxDepth = 8;

        // "true", "false", "null" and the "u00" of a control character's escape as bytes, so that writing
        // them allocates nothing; JsonReader checks the literals it reads against the same table.
        internal static readonly byte[] Literals = Utf8.GetBytes("truefalsenullu00");
        private const int TrueAt = 0;
        private const int FalseAt = 4;
        private const int NullAt = 9;
        private const int EscapeAt = 13;

        /// <summary>The bytes written so far are Buffer[0..Length).</summary>
        public byte[] Buffer;
        public int Length;
        private readonly bool[] _hasItem = new bool[MaxDepth];
        private int _depth;
        private bool _afterName;

        public JsonWriter(int capacity)
        {
            Buffer = new byte[capacity < 16 ? 16 : capacity];
        }

        public void Reset()
        {
            Length = 0;
            _depth = 0;
            _afterName = false;
            _hasItem[0] = false;
        }

        /// <summary>A copy of what was written, sized exactly: the payload handed to the link.</summary>
        public byte[] ToArray()
        {
            byte[] copy = new byte[Length];
            System.Array.Copy(Buffer, copy, Length);
            return copy;
        }

        public override string ToString()
        {
            return Utf8.GetString(Buffer, 0, Length);
        }

        public void BeginObject()
        {
            Open((byte)'{');
        }

        public void EndObject()
        {
            Close((byte)'}');
        }

        public void BeginArray()
        {
            Open((byte)'[');
        }

        public void EndArray()
        {
            Close((byte)']');
        }

        /// <summary>Writes "name": ; the next call writes its value.</summary>
        public void Name(string name)
        {
            Name(name.ToCharArray());
        }

        /// <summary>
        /// The same for a name kept as chars: a hot path keeps its names in static char[] fields, so that
        /// writing them allocates nothing (a string is read through a copy, see <see cref="Value(string)"/>);
        /// its value follows with a Value call.
        /// </summary>
        public void Name(char[] name)
        {
            Separate();
            WriteQuoted(name, 0, name.Length);
            Put((byte)':');
            _afterName = true;
        }

        /// <summary>"name":"value" (null writes null): one call per member.</summary>
        public void Field(string name, string value)
        {
            Name(name);
            Value(value);
        }

        public void Field(string name, long value)
        {
            Name(name);
            Value(value);
        }

        public void Field(string name, bool value)
        {
            Name(name);
            Value(value);
        }

        public void Value(string value)
        {
            if (value == null)
            {
                Null();
                return;
            }

            // One copy rather than the indexer: on nanoCLR s[i] costs O(i) and returns the high surrogate at
            // a low surrogate's index, while ToCharArray() is linear and right on both runtimes.
            char[] chars = value.ToCharArray();
            Value(chars, 0, chars.Length);
        }

        /// <summary>The string chars[start..start+length) as a value, escaped as <see cref="Value(string)"/> does, without making a string of it.</summary>
        public void Value(char[] chars, int start, int length)
        {
            BeginValue();
            WriteQuoted(chars, start, length);
        }

        public void Value(long value)
        {
            Fixed(value, 0);
        }

        public void Value(bool value)
        {
            BeginValue();
            PutLiteral(value ? TrueAt : FalseAt, value ? 4 : 5);
        }

        public void Null()
        {
            BeginValue();
            PutLiteral(NullAt, 4);
        }

        /// <summary>
        /// Writes scaled / 10^decimals with exactly that many decimals: (2137, 2) gives 21.37, (-5, 1) gives -0.5;
        /// with decimals 0 or less, the integer scaled.
        /// </summary>
        public void Fixed(long scaled, int decimals)
        {
            BeginValue();
            if (scaled < 0)
            {
                Put((byte)'-');
            }

            // Digits of the negative value, so that long.MinValue does not overflow; written from the last,
            // at least one before the point.
            long n = scaled < 0 ? scaled : -scaled;
            int digits = 0;
            for (long t = n; t != 0; t /= 10)
            {
                digits++;
            }

            int least = decimals > 0 ? decimals + 1 : 1;
            if (digits < least)
            {
                digits = least;
            }

            int size = decimals > 0 ? digits + 1 : digits;
            Ensure(size);
            int at = Length + size;
            for (int k = 0; k < digits; k++)
            {
                if (k == decimals && k > 0)
                {
                    Buffer[--at] = (byte)'.';
                }

                Buffer[--at] = (byte)('0' - (int)(n % 10));
                n /= 10;
            }

            Length += size;
        }

        private void Open(byte bracket)
        {
            BeginValue();
            Put(bracket);
            if (_depth + 1 >= MaxDepth)
            {
                throw new System.InvalidOperationException("JSON nested deeper than " + MaxDepth);
            }

            _depth++;
            _hasItem[_depth] = false;
        }

        private void Close(byte bracket)
        {
            if (_depth > 0)
            {
                _depth--;
            }

            Put(bracket);
        }

        private void BeginValue()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }

            Separate();
        }

        private void Separate()
        {
            if (_hasItem[_depth])
            {
                Put((byte)',');
            }

            _hasItem[_depth] = true;
        }

        private void WriteQuoted(char[] chars, int start, int length)
        {
            Put((byte)'"');
            int end = start + length;
            for (int i = start; i < end; i++)
            {
                char c = chars[i];
                if (c == '"' || c == '\\')
                {
                    Put((byte)'\\');
                    Put((byte)c);
                }
                else if (c < 0x20)
                {
                    // \n, \r and \t by their letters, the other control characters as \u00XX.
                    Put((byte)'\\');
                    if (c == '\n')
                    {
                        Put((byte)'n');
                    }
                    else if (c == '\r')
                    {
                        Put((byte)'r');
                    }
                    else if (c == '\t')
                    {
                        Put((byte)'t');
                    }
                    else
                    {
                        PutLiteral(EscapeAt, 3);
                        int low = c & 0xF;
                        Put((byte)('0' + (c >> 4)));
                        Put((byte)(low < 10 ? '0' + low : 'a' + low - 10));
                    }
                }
                else if (c < 0x80)
                {
                    Put((byte)c);
                }
                else
                {
                    // A surrogate pair is encoded with its low half, which is then skipped.
                    Ensure(4);
                    int written = Utf8.WriteChar(c, i + 1 < end ? chars[i + 1] : '\0', Buffer, Length);
                    Length += written;
                    if (written == 4)
                    {
                        i++;
                    }
                }
            }

            Put((byte)'"');
        }

        private void PutLiteral(int at, int length)
        {
            Ensure(length);
            System.Array.Copy(Literals, at, Buffer, Length, length);
            Length += length;
        }

        private void Put(byte b)
        {
            if (Length == Buffer.Length)
            {
                Ensure(1);
            }

            Buffer[Length++] = b;
        }

        private void Ensure(int more)
        {
            if (Length + more <= Buffer.Length)
            {
                return;
            }

            int size = Buffer.Length * 2;
            while (size < Length + more)
            {
                size *= 2;
            }

            byte[] grown = new byte[size];
            System.Array.Copy(Buffer, grown, Length);
            Buffer = grown;
        }
    }
}
