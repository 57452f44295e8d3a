namespace NanoMqtt.Core.Messaging
{
    /// <summary>What a value read by <see cref="JsonReader"/> is.</summary>
    public enum JsonKind
    {
        None,
        String,
        Number,
        True,
        False,
        Null,
        /// <summary>An object or an array: the reader does not go in, and reads no further.</summary>
        Nested
    }

    /// <summary>
    /// A strict reader for the one JSON shape a command takes: a flat object whose values are strings,
    /// numbers, true, false or null ({"id":"abc","value":"on","expires":1764070060}), or a lone string.
    /// It reads the caller's chars in place and stops at the first fault with <see cref="Error"/> set
    /// instead of throwing, because every byte comes from the network. Names and strings without escapes
    /// stay where they are; escaped ones are decoded into one scratch buffer, allocated once, so reading
    /// allocates nothing after the first escaped document. An object or array as a value ends the
    /// reading (<see cref="JsonKind.Nested"/>): nothing of a command lives there.
    /// </summary>
    public sealed class JsonReader
    {
        private readonly int _maxLength;
        private char[] _scratch;

        private char[] _chars;
        private int _begin;
        private int _pos;
        private int _end;
        private bool _opened;
        private bool _integer;

        private char[] _nameChars;
        private int _nameStart;
        private int _nameLength;

        /// <summary>
        /// The chars that hold the current value from <see cref="ValueStart"/>: the input for numbers and
        /// for strings without escapes, else the scratch buffer (overwritten by the next document).
        /// </summary>
        public char[] ValueChars;
        public int ValueStart;
        /// <summary>The length of the current string (unescaped) or number (as written); 0 for other kinds.</summary>
        public int ValueLength;

        /// <summary>The kind of the current member's value; None before the first and after the last.</summary>
        public JsonKind Kind;

        /// <summary>Why the text is not a flat JSON object (with the character offset), or null.</summary>
        public string Error;

        /// <summary>Documents longer than maxLength chars are refused, which also bounds the scratch buffer.</summary>
        public JsonReader(int maxLength)
        {
            _maxLength = maxLength < 1 ? 1 : maxLength;
        }

        /// <summary>True when the current value lies as it is in the chars given to <see cref="Reset"/>.</summary>
        public bool ValueInPlace
        {
            get { return ValueChars == _chars; }
        }

        /// <summary>
        /// Starts over on the document chars[start..start+length), read in place: the chars must not change
        /// while it is read. Offsets in <see cref="Error"/> count from start.
        /// </summary>
        public void Reset(char[] chars, int start, int length)
        {
            _chars = chars;
            _begin = start;
            _pos = start;
            _end = start + length;
            _opened = false;
            Kind = JsonKind.None;
            Error = null;
            _nameChars = null;
            ValueChars = null;
            ValueLength = 0;
            if (length > _maxLength)
            {
                Fail("longer than " + _maxLength + " characters");
            }
        }

        /// <summary>
        /// Moves to the next member of the object: true with its name and value read. False at the end of
        /// the object (Kind None, Error null), on a fault (Error set) and after a nested value.
        /// </summary>
        public bool Next()
        {
            if (Error != null || Kind == JsonKind.Nested || (_opened && _nameChars == null))
            {
                return false;
            }

            SkipBlanks();
            bool first = !_opened;
            if (first)
            {
                if (!Take('{'))
                {
                    return Fail("expected '{'");
                }

                _opened = true;
                SkipBlanks();
            }

            if (Take('}'))
            {
                SkipBlanks();
                Kind = JsonKind.None;
                _nameChars = null;
                ValueChars = null;
                ValueLength = 0;
                return _pos < _end ? Fail("text after the end") : false;
            }

            if (!first)
            {
                if (!Take(','))
                {
                    return Fail("expected ',' or '}'");
                }

                SkipBlanks();
            }

            if (_pos >= _end || _chars[_pos] != '"')
            {
                return Fail("expected a name");
            }

            // Decoded names go to the start of the scratch buffer, decoded values after them.
            if (!ReadString(0))
            {
                return false;
            }

            _nameChars = ValueChars;
            _nameStart = ValueStart;
            _nameLength = ValueLength;
            SkipBlanks();
            if (!Take(':'))
            {
                return Fail("expected ':'");
            }

            SkipBlanks();
            return ReadValue(_nameChars == _scratch ? _nameLength : 0);
        }

        /// <summary>Reads a document that is one string ("on"): true with it as the value.</summary>
        public bool ReadLone()
        {
            SkipBlanks();
            if (_pos >= _end || _chars[_pos] != '"' || !ReadValue(0))
            {
                return Error == null ? Fail("expected a string") : false;
            }

            SkipBlanks();
            return _pos < _end ? Fail("text after the end") : true;
        }

        /// <summary>True when the current member's name equals name (ordinal), compared in place.</summary>
        public bool NameIs(char[] name)
        {
            if (_nameChars == null || name.Length != _nameLength)
            {
                return false;
            }

            for (int i = 0; i < _nameLength; i++)
            {
                if (_nameChars[_nameStart + i] != name[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The current Number as a long; false when it has a fraction or an exponent or does not fit.</summary>
        public bool TryGetInt64(out long value)
        {
            value = 0;
            if (Kind != JsonKind.Number || !_integer)
            {
                return false;
            }

            int i = ValueStart;
            int end = ValueStart + ValueLength;
            bool negative = _chars[i] == '-';
            if (negative)
            {
                i++;
            }

            // Accumulate on the negative side so that long.MinValue fits.
            long n = 0;
            for (; i < end; i++)
            {
                int d = _chars[i] - '0';
                if (n < (long.MinValue + d) / 10)
                {
                    return false;
                }

                n = n * 10 - d;
            }

            if (!negative)
            {
                if (n == long.MinValue)
                {
                    return false;
                }

                n = -n;
            }

            value = n;
            return true;
        }

        private bool ReadValue(int scratchAt)
        {
            if (_pos >= _end)
            {
                return Fail("unexpected end");
            }

            char c = _chars[_pos];
            ValueChars = _chars;
            ValueStart = _pos;
            ValueLength = 0;
            if (c == '"')
            {
                Kind = JsonKind.String;
                return ReadString(scratchAt);
            }

            if (c == '{' || c == '[')
            {
                Kind = JsonKind.Nested;
                return true;
            }

            if (c == '-' || (c >= '0' && c <= '9'))
            {
                Kind = JsonKind.Number;
                return ReadNumber();
            }

            // true, false and null are checked against the writer's table: a literal string allocates on nanoCLR.
            Kind = c == 't' ? JsonKind.True : c == 'f' ? JsonKind.False : JsonKind.Null;
            int at = c == 't' ? 0 : c == 'f' ? 4 : c == 'n' ? 9 : -1;
            int length = c == 'f' ? 5 : 4;
            for (int k = 0; k < length; k++)
            {
                if (at < 0 || _pos + k >= _end || _chars[_pos + k] != JsonWriter.Literals[at + k])
                {
                    return Fail("unexpected character");
                }
            }

            _pos += length;
            return true;
        }

        private bool ReadNumber()
        {
            int start = _pos;
            Take('-');

            // One digit, or several not starting with 0; then an optional fraction and exponent, each with digits.
            int digits = Digits();
            bool bad = digits == 0 || (digits > 1 && _chars[_pos - digits] == '0');
            _integer = true;
            if (Take('.'))
            {
                _integer = false;
                bad |= Digits() == 0;
            }

            if (Take('e') || Take('E'))
            {
                _integer = false;
                if (!Take('+'))
                {
                    Take('-');
                }

                bad |= Digits() == 0;
            }

            ValueLength = _pos - start;
            return bad ? Fail("bad number") : true;
        }

        private int Digits()
        {
            int start = _pos;
            while (_pos < _end && _chars[_pos] >= '0' && _chars[_pos] <= '9')
            {
                _pos++;
            }

            return _pos - start;
        }

        /// <summary>Reads the string at the opening quote into the value: in place, or unescaped into the scratch buffer from scratchAt.</summary>
        private bool ReadString(int scratchAt)
        {
            int start = _pos + 1;
            int i = start;
            bool escaped = false;
            while (true)
            {
                if (i >= _end)
                {
                    return Fail("unterminated string");
                }

                char c = _chars[i];
                if (c == '"')
                {
                    break;
                }

                if (c < 0x20)
                {
                    return Fail("control character in a string");
                }

                if (c == '\\')
                {
                    escaped = true;
                    i++;
                }

                i++;
            }

            _pos = i + 1;
            ValueChars = _chars;
            ValueStart = start;
            ValueLength = i - start;
            if (!escaped)
            {
                return true;
            }

            // Escapes only shrink the text, so the document's length bounds a name and a value together.
            if (_scratch == null || _scratch.Length < _end - _begin)
            {
                _scratch = new char[_end - _begin];
            }

            int n = scratchAt;
            int j = start;
            while (j < i)
            {
                char c = _chars[j++];
                if (c == '\\')
                {
                    int unit = Unescape(j, i);
                    if (unit == -1)
                    {
                        return false;
                    }

                    j += _chars[j] == 'u' ? 5 : 1;
                    if ((uint)unit > 0xFFFF)
                    {
                        // A surrogate pair: the high half now, the low half is the next escape's unit.
                        _scratch[n++] = (char)((uint)unit >> 16);
                        unit &= 0xFFFF;
                        j += 6;
                    }

                    c = (char)unit;
                }

                _scratch[n++] = c;
            }

            ValueChars = _scratch;
            ValueStart = scratchAt;
            ValueLength = n - scratchAt;
            return true;
        }

        /// <summary>
        /// The char of the escape whose letter is at j, or -1 (Error set). A high surrogate comes back with
        /// its low half, as (high &lt;&lt; 16) | low, because either half alone is refused.
        /// </summary>
        private int Unescape(int j, int limit)
        {
            char e = _chars[j];
            switch (e)
            {
                case '"':
                case '\\':
                case '/':
                    return e;
                case 'b':
                    return '\b';
                case 'f':
                    return '\f';
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case 't':
                    return '\t';
                case 'u':
                    int unit = Hex4(j + 1, limit);
                    if (unit < 0)
                    {
                        Fail("bad \\u escape");
                        return -1;
                    }

                    if (unit < 0xD800 || unit > 0xDFFF)
                    {
                        return unit;
                    }

                    int low = unit <= 0xDBFF && j + 6 < limit && _chars[j + 5] == '\\' && _chars[j + 6] == 'u' ? Hex4(j + 7, limit) : -1;
                    if (low < 0xDC00 || low > 0xDFFF)
                    {
                        Fail("unpaired surrogate");
                        return -1;
                    }

                    return (unit << 16) | low;
                default:
                    Fail("bad escape");
                    return -1;
            }
        }

        /// <summary>The value of four hex digits at j (all before limit), or -1.</summary>
        private int Hex4(int j, int limit)
        {
            if (j + 4 > limit)
            {
                return -1;
            }

            int value = 0;
            for (int k = j; k < j + 4; k++)
            {
                int d = HexValue(_chars[k]);
                if (d < 0)
                {
                    return -1;
                }

                value = (value << 4) | d;
            }

            return value;
        }

        /// <summary>The value of a hex digit (either case), or -1; also reads the kept readings' hex (<see cref="KeptMessages"/>).</summary>
        internal static int HexValue(char c)
        {
            return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }

        private bool Take(char c)
        {
            if (_pos < _end && _chars[_pos] == c)
            {
                _pos++;
                return true;
            }

            return false;
        }

        private void SkipBlanks()
        {
            while (_pos < _end)
            {
                char c = _chars[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _pos++;
            }
        }

        private bool Fail(string why)
        {
            if (Error == null)
            {
                Error = why + " at " + (_pos - _begin);
            }

            Kind = JsonKind.None;
            return false;
        }
    }
}
