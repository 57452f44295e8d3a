using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// Turns a decoded payload into a <see cref="Command"/>. A payload whose first non-blank character is
    /// '{', '[' or '"' is JSON (an object, or a bare JSON string); anything else is plain text, so
    /// `mosquitto_pub -m on` works. Unknown JSON members are ignored, so newer senders can add fields.
    /// </summary>
    public sealed class CommandParser
    {
        /// <summary>Ids are echoed in every answer and kept in memory and flash, so they stay short.</summary>
        public const int MaxIdLength = 64;

        // The member names, kept as chars so that matching them allocates nothing.
        private static readonly char[] IdName = "id".ToCharArray();
        private static readonly char[] ValueName = "value".ToCharArray();
        private static readonly char[] ExpiresName = "expires".ToCharArray();
        private static readonly char[] CmdName = "cmd".ToCharArray();
        private static readonly char[] SensorName = "sensor".ToCharArray();
        private static readonly char[] StreamName = "stream".ToCharArray();

        private readonly JsonReader _json;

        // The text being parsed: the caller's chars, or a copy of a string. Values that came straight
        // from the text are handed to the command as ranges of it (see Command.SetValue).
        private char[] _chars;

        /// <summary>Why the last Parse failed, for the answer's "reason".</summary>
        public string Reason;

        /// <summary>maxLength bounds the text the JSON reader accepts (the payload limit already applies).</summary>
        public CommandParser(int maxLength)
        {
            // A command is a flat object; 4 levels leave room for ignored nested fields.
            _json = new JsonReader(4, maxLength);
        }

        /// <summary>Fills the command; null when it parsed, else an error code from <see cref="CommandErrors"/>.</summary>
        public string Parse(string text, Command into)
        {
            into.Clear();
            Reason = null;
            string s = text == null ? "" : text.Trim();
            if (s.Length == 0)
            {
                return Refuse(CommandErrors.InvalidValue, "empty command");
            }

            // A copy of its own for this command (not reused), read in place: on nanoCLR the string
            // indexer costs O(i) and returns the high surrogate at a low surrogate's index.
            char[] chars = s.ToCharArray();
            return ParseTrimmed(chars, 0, chars.Length, into);
        }

        /// <summary>
        /// The same on chars[0..length) (a payload decoded into the router's buffer) without making a
        /// string of the whole text. Values are left in chars (see <see cref="Command.SetValue"/>), so the
        /// chars must stay unchanged while the command is used. Text that starts or ends with anything but
        /// printable ASCII goes through <see cref="Parse(string, Command)"/>, so that trimming stays exactly
        /// string.Trim's on every platform.
        /// </summary>
        public string Parse(char[] chars, int length, Command into)
        {
            if (chars == null || length <= 0 || length > chars.Length || !IsPrintableAscii(chars[0]) || !IsPrintableAscii(chars[length - 1]))
            {
                return Parse(chars == null || length <= 0 ? null : new string(chars, 0, length > chars.Length ? chars.Length : length), into);
            }

            into.Clear();
            Reason = null;
            return ParseTrimmed(chars, 0, length, into);
        }

        private string ParseTrimmed(char[] chars, int start, int length, Command into)
        {
            _chars = chars;
            char first = chars[start];
            if (first != '{' && first != '[' && first != '"')
            {
                into.SetValue(chars, start, length);
                return null;
            }

            _json.Reset(chars, start, length);
            _json.Read();
            if (_json.Token == JsonToken.StartObject)
            {
                return ParseObject(into);
            }

            if (_json.Token == JsonToken.String)
            {
                TakeString(into);
                _json.Read();
                return _json.Token == JsonToken.End ? null : Malformed();
            }

            // An array, or an error at the first token: malformed wins over a wrong shape.
            return _json.Skip() && !_json.Read() && _json.Token == JsonToken.End
                ? Refuse(CommandErrors.InvalidCommand, "a JSON command is an object such as {\"value\":\"on\"}")
                : Malformed();
        }

        private string ParseObject(Command into)
        {
            // The first shape error is kept but the reading goes on: a document that is also malformed
            // reports that, and the id is found wherever it stands.
            string code = null;
            string reason = null;
            while (_json.Read())
            {
                if (_json.Token == JsonToken.EndObject)
                {
                    break;
                }

                // Depth 1 and not EndObject: a member name, compared in place (no string per member).
                string problem = null;
                if (_json.StringEquals(IdName))
                {
                    problem = ReadId(into);
                }
                else if (_json.StringEquals(ValueName))
                {
                    problem = ReadValue(into);
                }
                else if (_json.StringEquals(ExpiresName))
                {
                    problem = ReadExpires(into);
                }
                else if (_json.StringEquals(CmdName))
                {
                    problem = ReadText(ref into.Cmd, "cmd");
                }
                else if (_json.StringEquals(SensorName))
                {
                    problem = ReadText(ref into.Sensor, "sensor");
                }
                else if (_json.StringEquals(StreamName))
                {
                    problem = ReadText(ref into.Stream, "stream");
                }
                else
                {
                    _json.Skip();
                }

                if (_json.Token == JsonToken.Error)
                {
                    break;
                }

                if (problem != null && code == null)
                {
                    code = CommandErrors.InvalidCommand;
                    reason = problem;
                }
            }

            if (_json.Token == JsonToken.EndObject)
            {
                _json.Read();
            }

            if (_json.Token != JsonToken.End)
            {
                return Malformed();
            }

            if (code != null)
            {
                return Refuse(code, reason);
            }

            if (!into.HasValue && into.Cmd == null)
            {
                return Refuse(CommandErrors.InvalidCommand, "no \"value\" in the command");
            }

            return null;
        }

        private string ReadId(Command into)
        {
            if (into.HasId)
            {
                _json.Skip();
                return "\"id\" appears twice";
            }

            _json.Read();
            if (_json.Token != JsonToken.String)
            {
                _json.Skip();
                return "\"id\" must be a string";
            }

            // Read where the reader left the unescaped text, so no string is made for the id.
            string problem = CheckId(_json.StringChars, _json.StringStart, _json.StringLength);
            if (problem == null)
            {
                into.SetId(_json.StringChars, _json.StringStart, _json.StringLength);
            }

            return problem;
        }

        /// <summary>Null when the id chars[start..start+length) is usable: 1 to 64 characters, none of them a control character.</summary>
        public static string CheckId(char[] chars, int start, int length)
        {
            if (chars == null || length <= 0 || length > MaxIdLength)
            {
                return "\"id\" must be 1 to " + MaxIdLength + " characters";
            }

            for (int i = start; i < start + length; i++)
            {
                if (chars[i] < ' ' || chars[i] == (char)0x7F)
                {
                    return "\"id\" must not hold control characters";
                }
            }

            return null;
        }

        private string ReadValue(Command into)
        {
            if (into.HasValue)
            {
                _json.Skip();
                return "\"value\" appears twice";
            }

            _json.Read();
            switch (_json.Token)
            {
                case JsonToken.String:
                    TakeString(into);
                    return null;
                case JsonToken.Number:
                    into.SetValue(_chars, _json.NumberStart, _json.NumberLength);
                    return null;
                case JsonToken.True:
                    into.Value = "on";
                    return null;
                case JsonToken.False:
                    into.Value = "off";
                    return null;
                default:
                    _json.Skip();
                    return "\"value\" must be a string, a number or a boolean";
            }
        }

        private string ReadExpires(Command into)
        {
            if (into.HasExpiry)
            {
                _json.Skip();
                return "\"expires\" appears twice";
            }

            _json.Read();
            long expires;
            if (_json.Token != JsonToken.Number || !_json.TryGetInt64(out expires) || expires <= 0)
            {
                _json.Skip();
                return "\"expires\" must be a positive whole number of Unix seconds";
            }

            into.HasExpiry = true;
            into.Expires = expires;
            return null;
        }

        private string ReadText(ref string field, string name)
        {
            if (field != null)
            {
                _json.Skip();
                return "\"" + name + "\" appears twice";
            }

            _json.Read();
            if (_json.Token != JsonToken.String)
            {
                _json.Skip();
                return "\"" + name + "\" must be a string";
            }

            field = _json.StringValue;
            return null;
        }

        /// <summary>The current JSON string as the command's value: in place when it had no escapes.</summary>
        private void TakeString(Command into)
        {
            if (_json.StringIsInPlace)
            {
                into.SetValue(_chars, _json.StringStart, _json.StringLength);
            }
            else
            {
                into.Value = _json.StringValue;
            }
        }

        private static bool IsPrintableAscii(char c)
        {
            return c > ' ' && c < 0x7F;
        }

        private string Malformed()
        {
            return Refuse(CommandErrors.MalformedJson, "malformed JSON: " + _json.Error);
        }

        private string Refuse(string code, string reason)
        {
            Reason = reason;
            return code;
        }
    }
}
