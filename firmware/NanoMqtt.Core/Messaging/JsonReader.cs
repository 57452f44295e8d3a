namespace NanoMqtt.Core.Messaging
{
    /// <summary>What <see cref="JsonReader.Read"/> stopped on.</summary>
    public enum JsonToken
    {
        None,
        StartObject,
        EndObject,
        StartArray,
        EndArray,
        /// <summary>A member name; <see cref="JsonReader.StringValue"/> holds it. The ':' is already consumed.</summary>
        PropertyName,
        String,
        Number,
        True,
        False,
        Null,
        /// <summary>The whole document was read and was well formed.</summary>
        End,
        /// <summary>The text is not JSON (RFC 8259) or breaks a limit; <see cref="JsonReader.Error"/> says why.</summary>
        Error
    }

    /// <summary>
    /// A strict pull reader for small JSON documents (command payloads). It checks the full grammar of
    /// RFC 8259 (one top-level value, no trailing commas, no comments, no single quotes, no leading zeros,
    /// no raw control characters, paired surrogates) and stops at the first fault with an error instead
    /// of throwing, because every byte it reads comes from the network. It allocates only the strings it
    /// is asked for (<see cref="StringValue"/> and <see cref="NumberText"/> are made on first use, and
    /// <see cref="StringEquals"/> compares in place), plus one scratch buffer for strings with escapes and,
    /// when given a string, one copy of it to read from; the nesting depth and the input length are bounded
    /// so that a hostile payload cannot exhaust the device's memory or stack.
    /// </summary>
    public sealed class JsonReader
    {
        public const int DefaultMaxDepth = 16;
        public const int DefaultMaxLength = 4096;

        private const int ExpectValue = 0;
        private const int ExpectValueOrEnd = 1;
        private const int ExpectNameOrEnd = 2;
        private const int ExpectName = 3;
        private const int ExpectSeparator = 4;

        private readonly int _maxLength;
        private readonly bool[] _isObject;
        private static readonly char[] TrueText = "true".ToCharArray();
        private static readonly char[] FalseText = "false".ToCharArray();
        private static readonly char[] NullText = "null".ToCharArray();

        private char[] _scratch;

        private char[] _chars;
        private int _begin;
        private int _pos;
        private int _end;
        private int _depth;
        private int _expect;
        private int _numberStart;
        private int _numberLength;
        private bool _numberIsInteger;

        public JsonToken Token;

        // The unescaped text of the current String or PropertyName token: in the input when it had no
        // escapes, else in _scratch. The string is made only when someone asks for it.
        private char[] _valueChars;
        private int _valueStart;
        private int _valueLength;
        private string _value;

        /// <summary>Why the text was refused (with the character offset), or null.</summary>
        public string Error;

        public JsonReader()
            : this(DefaultMaxDepth, DefaultMaxLength)
        {
        }

        public JsonReader(int maxDepth, int maxLength)
        {
            _isObject = new bool[maxDepth < 1 ? 1 : maxDepth];
            _maxLength = maxLength < 1 ? 1 : maxLength;
            Reset(null);
        }

        /// <summary>Containers open around the current token: 1 inside the top-level object.</summary>
        public int Depth
        {
            get { return _depth; }
        }

        /// <summary>True when the current Number token has neither a fraction nor an exponent.</summary>
        public bool NumberIsInteger
        {
            get { return Token == JsonToken.Number && _numberIsInteger; }
        }

        /// <summary>The literal text of the current Number token ("37.5", "-1e3"), or null.</summary>
        public string NumberText
        {
            get { return Token == JsonToken.Number ? new string(_chars, _numberStart, _numberLength) : null; }
        }

        /// <summary>Where the current Number token starts in the chars given to <see cref="Reset(char[], int, int)"/>.</summary>
        public int NumberStart
        {
            get { return _numberStart; }
        }

        /// <summary>The length of the current Number token's literal text, or 0.</summary>
        public int NumberLength
        {
            get { return Token == JsonToken.Number ? _numberLength : 0; }
        }

        /// <summary>The unescaped text of a String or PropertyName token, or null (made on first use).</summary>
        public string StringValue
        {
            get
            {
                if (_value == null && _valueChars != null)
                {
                    _value = new string(_valueChars, _valueStart, _valueLength);
                }

                return _value;
            }
        }

        /// <summary>
        /// True when the current String or PropertyName token had no escapes, so its text lies as it is in
        /// the chars given to <see cref="Reset(char[], int, int)"/>, at <see cref="StringStart"/>.
        /// </summary>
        public bool StringIsInPlace
        {
            get { return _valueChars != null && _valueChars == _chars; }
        }

        /// <summary>
        /// The chars that hold the current string's unescaped text from <see cref="StringStart"/>: the input,
        /// or the reader's scratch buffer (overwritten by the next escaped string). Null when there is none.
        /// </summary>
        public char[] StringChars
        {
            get { return _valueChars; }
        }

        /// <summary>Where the current string's text starts in <see cref="StringChars"/> (the input when <see cref="StringIsInPlace"/>).</summary>
        public int StringStart
        {
            get { return _valueStart; }
        }

        /// <summary>The length of the current string's unescaped text, or 0 when there is none.</summary>
        public int StringLength
        {
            get { return _valueChars == null ? 0 : _valueLength; }
        }

        /// <summary>True when the current String or PropertyName token equals s (ordinal).</summary>
        public bool StringEquals(string s)
        {
            return _valueChars != null && s != null && s.Length == _valueLength && StringEquals(s.ToCharArray());
        }

        /// <summary>
        /// The same for chars kept by the caller, compared in place: a parser keeps the names it looks for
        /// in static char[] fields, so that matching them allocates nothing.
        /// </summary>
        public bool StringEquals(char[] s)
        {
            if (_valueChars == null || s == null || s.Length != _valueLength)
            {
                return false;
            }

            for (int i = 0; i < _valueLength; i++)
            {
                if (_valueChars[_valueStart + i] != s[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Starts over on a new document. Null reads as an empty (invalid) document.</summary>
        public void Reset(string text)
        {
            int length = text == null ? 0 : text.Length;
            if (text == null || length > _maxLength)
            {
                Reset(null, 0, length);
                return;
            }

            // Read from one copy: on nanoCLR the string indexer costs O(i) and returns the high surrogate
            // at a low surrogate's index, while ToCharArray() is linear and right on both runtimes.
            char[] chars = text.ToCharArray();
            Reset(chars, 0, chars.Length);
        }

        /// <summary>
        /// Starts over on the document in chars from start, length chars long, read in place (no copy).
        /// The chars must not change while the document is read. Offsets in <see cref="Error"/> count from start.
        /// </summary>
        public void Reset(char[] chars, int start, int length)
        {
            _chars = chars;
            _begin = start;
            _pos = start;
            _end = chars == null ? start : start + length;
            _depth = 0;
            _expect = ExpectValue;
            Token = JsonToken.None;
            ClearValue();
            Error = null;
            if (length > _maxLength)
            {
                _end = start;
                Fail("document longer than " + _maxLength + " characters");
            }
        }

        /// <summary>
        /// Moves to the next token. False at the end of the document (Token is End) or on an error (Token is
        /// Error); both are final until <see cref="Reset"/>.
        /// </summary>
        public bool Read()
        {
            if (Token == JsonToken.Error || Token == JsonToken.End)
            {
                return false;
            }

            ClearValue();
            SkipWhitespace();
            if (_expect == ExpectSeparator)
            {
                if (_depth == 0)
                {
                    if (_pos < _end)
                    {
                        return Fail("text after the end of the document");
                    }

                    Token = JsonToken.End;
                    return false;
                }

                if (_pos >= _end)
                {
                    return Fail("unexpected end inside " + (_isObject[_depth - 1] ? "an object" : "an array"));
                }

                char c = _chars[_pos];
                if (c == ',')
                {
                    _pos++;
                    _expect = _isObject[_depth - 1] ? ExpectName : ExpectValue;
                    SkipWhitespace();
                }
                else if (c == '}' || c == ']')
                {
                    return Close(c);
                }
                else
                {
                    return Fail("expected ',' or a closing bracket");
                }
            }

            if (_pos >= _end)
            {
                return Fail(_chars == null || _end == _begin ? "empty document" : "unexpected end");
            }

            char next = _chars[_pos];
            if (_expect == ExpectNameOrEnd || _expect == ExpectName)
            {
                if (next == '}' && _expect == ExpectNameOrEnd)
                {
                    return Close(next);
                }

                if (next != '"')
                {
                    return Fail("expected a member name in double quotes");
                }

                if (!ReadString())
                {
                    return false;
                }

                SkipWhitespace();
                if (_pos >= _end || _chars[_pos] != ':')
                {
                    return Fail("expected ':' after a member name");
                }

                _pos++;
                _expect = ExpectValue;
                Token = JsonToken.PropertyName;
                return true;
            }

            if (next == ']' && _expect == ExpectValueOrEnd)
            {
                return Close(next);
            }

            return ReadValue(next);
        }

        /// <summary>
        /// Skips the value at the reader: after a PropertyName the member's value, after StartObject or
        /// StartArray everything up to the matching end. False on an error.
        /// </summary>
        public bool Skip()
        {
            if (Token == JsonToken.PropertyName && !Read())
            {
                return false;
            }

            if (Token == JsonToken.StartObject || Token == JsonToken.StartArray)
            {
                int outer = _depth - 1;
                while (Read())
                {
                    if ((Token == JsonToken.EndObject || Token == JsonToken.EndArray) && _depth == outer)
                    {
                        return true;
                    }
                }

                return false;
            }

            return Token != JsonToken.Error;
        }

        /// <summary>The current Number token as a long; false when it has a fraction or exponent or does not fit.</summary>
        public bool TryGetInt64(out long value)
        {
            value = 0;
            if (!NumberIsInteger)
            {
                return false;
            }

            int i = _numberStart;
            int end = _numberStart + _numberLength;
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

        private bool ReadValue(char c)
        {
            switch (c)
            {
                case '{':
                    return Open(true);
                case '[':
                    return Open(false);
                case '"':
                    if (!ReadString())
                    {
                        return false;
                    }

                    return Produced(JsonToken.String);
                case 't':
                    return ReadLiteral(TrueText, JsonToken.True);
                case 'f':
                    return ReadLiteral(FalseText, JsonToken.False);
                case 'n':
                    return ReadLiteral(NullText, JsonToken.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ReadNumber();
                    }

                    return Fail("unexpected character '" + Printable(c) + "'");
            }
        }

        private bool Open(bool isObject)
        {
            if (_depth == _isObject.Length)
            {
                return Fail("nested deeper than " + _isObject.Length);
            }

            _isObject[_depth] = isObject;
            _depth++;
            _pos++;
            _expect = isObject ? ExpectNameOrEnd : ExpectValueOrEnd;
            Token = isObject ? JsonToken.StartObject : JsonToken.StartArray;
            return true;
        }

        private bool Close(char bracket)
        {
            bool isObject = bracket == '}';
            if (_depth == 0 || _isObject[_depth - 1] != isObject)
            {
                return Fail("mismatched '" + bracket.ToString() + "'");
            }

            _depth--;
            _pos++;
            return Produced(isObject ? JsonToken.EndObject : JsonToken.EndArray);
        }

        private bool Produced(JsonToken token)
        {
            Token = token;
            _expect = ExpectSeparator;
            return true;
        }

        private bool ReadLiteral(char[] literal, JsonToken token)
        {
            if (_end - _pos < literal.Length)
            {
                return Fail("unknown literal; expected " + new string(literal));
            }

            for (int k = 1; k < literal.Length; k++)
            {
                if (_chars[_pos + k] != literal[k])
                {
                    return Fail("unknown literal; expected " + new string(literal));
                }
            }

            _pos += literal.Length;
            return Produced(token);
        }

        private bool ReadNumber()
        {
            int start = _pos;
            bool integer = true;
            if (_chars[_pos] == '-')
            {
                _pos++;
            }

            if (_pos >= _end || !IsDigit(_chars[_pos]))
            {
                return Fail("a number needs digits");
            }

            if (_chars[_pos] == '0')
            {
                _pos++;
                if (_pos < _end && IsDigit(_chars[_pos]))
                {
                    return Fail("a number must not have a leading zero");
                }
            }
            else
            {
                SkipDigits();
            }

            if (_pos < _end && _chars[_pos] == '.')
            {
                integer = false;
                _pos++;
                if (SkipDigits() == 0)
                {
                    return Fail("a fraction needs digits");
                }
            }

            if (_pos < _end && (_chars[_pos] == 'e' || _chars[_pos] == 'E'))
            {
                integer = false;
                _pos++;
                if (_pos < _end && (_chars[_pos] == '+' || _chars[_pos] == '-'))
                {
                    _pos++;
                }

                if (SkipDigits() == 0)
                {
                    return Fail("an exponent needs digits");
                }
            }

            _numberStart = start;
            _numberLength = _pos - start;
            _numberIsInteger = integer;
            return Produced(JsonToken.Number);
        }

        private int SkipDigits()
        {
            int start = _pos;
            while (_pos < _end && IsDigit(_chars[_pos]))
            {
                _pos++;
            }

            return _pos - start;
        }

        /// <summary>Reads a string starting at the opening quote into StringValue.</summary>
        private bool ReadString()
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

            if (!escaped)
            {
                SetValue(_chars, start, i - start);
                _pos = i + 1;
                return true;
            }

            // Escapes only shrink the text, so the raw length bounds the decoded length.
            int rawLength = i - start;
            if (_scratch == null || _scratch.Length < rawLength)
            {
                _scratch = new char[rawLength < 32 ? 32 : rawLength];
            }

            int n = 0;
            int j = start;
            while (j < i)
            {
                char c = _chars[j++];
                if (c != '\\')
                {
                    _scratch[n++] = c;
                    continue;
                }

                char e = _chars[j++];
                switch (e)
                {
                    case '"':
                    case '\\':
                    case '/':
                        _scratch[n++] = e;
                        break;
                    case 'b':
                        _scratch[n++] = '\b';
                        break;
                    case 'f':
                        _scratch[n++] = '\f';
                        break;
                    case 'n':
                        _scratch[n++] = '\n';
                        break;
                    case 'r':
                        _scratch[n++] = '\r';
                        break;
                    case 't':
                        _scratch[n++] = '\t';
                        break;
                    case 'u':
                        int unit = Hex4(j, i);
                        if (unit < 0)
                        {
                            return Fail("\\u needs four hex digits");
                        }

                        j += 4;
                        if (unit >= 0xDC00 && unit <= 0xDFFF)
                        {
                            return Fail("unpaired low surrogate");
                        }

                        if (unit >= 0xD800 && unit <= 0xDBFF)
                        {
                            int low = (j + 1 < i && _chars[j] == '\\' && _chars[j + 1] == 'u') ? Hex4(j + 2, i) : -1;
                            if (low < 0xDC00 || low > 0xDFFF)
                            {
                                return Fail("unpaired high surrogate");
                            }

                            _scratch[n++] = (char)unit;
                            unit = low;
                            j += 6;
                        }

                        _scratch[n++] = (char)unit;
                        break;
                    default:
                        return Fail("unknown escape '\\" + Printable(e) + "'");
                }
            }

            SetValue(_scratch, 0, n);
            _pos = i + 1;
            return true;
        }

        private void SetValue(char[] chars, int start, int length)
        {
            _valueChars = chars;
            _valueStart = start;
            _valueLength = length;
            _value = null;
        }

        private void ClearValue()
        {
            _valueChars = null;
            _valueStart = 0;
            _valueLength = 0;
            _value = null;
        }

        /// <summary>The value of four hex digits at j (all before limit), or -1.</summary>
        private int Hex4(int j, int limit)
        {
            if (j + 4 > limit)
            {
                return -1;
            }

            int value = 0;
            for (int k = 0; k < 4; k++)
            {
                char c = _chars[j + k];
                int d;
                if (c >= '0' && c <= '9')
                {
                    d = c - '0';
                }
                else if (c >= 'a' && c <= 'f')
                {
                    d = c - 'a' + 10;
                }
                else if (c >= 'A' && c <= 'F')
                {
                    d = c - 'A' + 10;
                }
                else
                {
                    return -1;
                }

                value = (value << 4) | d;
            }

            return value;
        }

        private void SkipWhitespace()
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
            Token = JsonToken.Error;
            Error = why + " at " + (_pos - _begin);
            ClearValue();
            return false;
        }

        private static bool IsDigit(char c)
        {
            return c >= '0' && c <= '9';
        }

        private static string Printable(char c)
        {
            return c < 0x20 || c > 0x7E ? "#" + ((int)c).ToString() : c.ToString();
        }
    }
}
