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

        private static readonly byte[] NullText = Utf8.GetBytes("null");
        private static readonly byte[] TrueText = Utf8.GetBytes("true");
        private static readonly byte[] FalseText = Utf8.GetBytes("false");
        private static readonly byte[] UnicodeEscape = Utf8.GetBytes("u00");

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
            BeginValue();
            Open((byte)'{');
        }

        public void EndObject()
        {
            Close((byte)'}');
        }

        public void BeginArray()
        {
            BeginValue();
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
        /// writing them allocates nothing (a string is read through a copy, see <see cref="WriteQuoted(string)"/>).
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

        /// <summary>The same with the name kept as chars (hot paths: no string per name).</summary>
        public void Field(char[] name, string value)
        {
            Name(name);
            Value(value);
        }

        public void Field(char[] name, bool value)
        {
            Name(name);
            Value(value);
        }

        /// <summary>"name":"chars[start..start+length)", without making a string of the value.</summary>
        public void Field(char[] name, char[] chars, int start, int length)
        {
            Name(name);
            Value(chars, start, length);
        }

        public void Value(string value)
        {
            BeginValue();
            if (value == null)
            {
                PutAscii(NullText);
            }
            else
            {
                WriteQuoted(value);
            }
        }

        /// <summary>The string chars[start..start+length) as a value, escaped as <see cref="Value(string)"/> does, without making a string of it.</summary>
        public void Value(char[] chars, int start, int length)
        {
            BeginValue();
            WriteQuoted(chars, start, length);
        }

        public void Value(long value)
        {
            BeginValue();
            WriteInteger(value);
        }

        public void Value(bool value)
        {
            BeginValue();
            PutAscii(value ? TrueText : FalseText);
        }

        public void Null()
        {
            BeginValue();
            PutAscii(NullText);
        }

        /// <summary>
        /// Writes scaled / 10^decimals with exactly that many decimals: (2137, 2) gives 21.37, (-5, 1) gives -0.5.
        /// </summary>
        public void Fixed(long scaled, int decimals)
        {
            BeginValue();
            if (decimals <= 0)
            {
                WriteInteger(scaled);
                return;
            }

            long divisor = 1;
            for (int i = 0; i < decimals; i++)
            {
                divisor *= 10;
            }

            bool negative = scaled < 0;
            // Work on the negative side so that long.MinValue does not overflow.
            long n = negative ? scaled : -scaled;
            long whole = -(n / divisor);
            long fraction = -(n % divisor);
            if (negative)
            {
                Put((byte)'-');
            }

            WriteInteger(whole);
            Put((byte)'.');
            long digit = divisor / 10;
            while (digit > 0)
            {
                Put((byte)('0' + (int)(fraction / digit % 10)));
                digit /= 10;
            }
        }

        private void Open(byte bracket)
        {
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

        private void WriteInteger(long value)
        {
            if (value == 0)
            {
                Put((byte)'0');
                return;
            }

            // Digits of the negative value, so that long.MinValue is written correctly too.
            long n = value < 0 ? value : -value;
            if (value < 0)
            {
                Put((byte)'-');
            }

            int digits = 0;
            for (long t = n; t != 0; t /= 10)
            {
                digits++;
            }

            Ensure(digits);
            int end = Length + digits;
            for (int at = end - 1; at >= Length; at--)
            {
                Buffer[at] = (byte)('0' - (int)(n % 10));
                n /= 10;
            }

            Length = end;
        }

        // One copy rather than the indexer: on nanoCLR s[i] costs O(i) and returns the high surrogate at
        // a low surrogate's index, while ToCharArray() is linear and right on both runtimes.
        private void WriteQuoted(string s)
        {
            char[] chars = s.ToCharArray();
            WriteQuoted(chars, 0, chars.Length);
        }

        private void WriteQuoted(char[] chars, int start, int length)
        {
            Put((byte)'"');
            int end = start + length;
            for (int i = start; i < end; i++)
            {
                if (WriteEscaped(chars[i], i + 1 < end ? chars[i + 1] : '\0'))
                {
                    i++;
                }
            }

            Put((byte)'"');
        }

        /// <summary>Writes c as it goes inside a JSON string; true when next was written with it (a surrogate pair).</summary>
        private bool WriteEscaped(char c, char next)
        {
            if (c == '"' || c == '\\')
            {
                Put((byte)'\\');
                Put((byte)c);
            }
            else if (c < 0x20)
            {
                WriteControl(c);
            }
            else if (c < 0x80)
            {
                Put((byte)c);
            }
            else
            {
                Ensure(4);
                int written = Utf8.WriteChar(c, next, Buffer, Length);
                Length += written;
                return written == 4;
            }

            return false;
        }

        private void WriteControl(char c)
        {
            Put((byte)'\\');
            switch (c)
            {
                case '\n':
                    Put((byte)'n');
                    break;
                case '\r':
                    Put((byte)'r');
                    break;
                case '\t':
                    Put((byte)'t');
                    break;
                default:
                    PutAscii(UnicodeEscape);
                    Put(Hex(c >> 4));
                    Put(Hex(c & 0xF));
                    break;
            }
        }

        private static byte Hex(int nibble)
        {
            return (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }

        private void PutAscii(byte[] ascii)
        {
            Ensure(ascii.Length);
            System.Array.Copy(ascii, 0, Buffer, Length, ascii.Length);
            Length += ascii.Length;
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
