using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// Turns a decoded payload into a <see cref="Command"/>. A payload whose first non-blank character is
    /// '{', '[' or '"' is JSON (an object, or a bare JSON string); anything else is plain text, so
    /// `mosquitto_pub -m on` works. Unknown members are ignored, so newer senders can add fields; a command
    /// is flat, so an array, or an object or array as a member's value, is refused as invalid_command.
    /// </summary>
    public sealed class CommandParser
    {
        /// <summary>Ids are echoed in every answer and kept in memory and flash, so they stay short.</summary>
        public const int MaxIdLength = 64;

        // The member names, kept as chars so that matching them allocates nothing.
        internal static readonly char[] IdName = "id".ToCharArray();
        private static readonly char[] ValueName = "value".ToCharArray();
        private static readonly char[] ExpiresName = "expires".ToCharArray();
        private static readonly char[] CmdName = "cmd".ToCharArray();
        private static readonly char[] SensorName = "sensor".ToCharArray();
        private static readonly char[] StreamName = "stream".ToCharArray();

        // Values that came straight from the text are handed to the command as ranges of it (see Command.SetValue).
        private readonly JsonReader _json;

        /// <summary>maxLength bounds the text the JSON reader accepts (the payload limit already applies).</summary>
        public CommandParser(int maxLength)
        {
            _json = new JsonReader(maxLength);
        }

        /// <summary>
        /// Fills the command from chars[0..length) (a payload decoded into the router's buffer) without
        /// making a string of the whole text; null when it parsed, else an error code from
        /// <see cref="CommandErrors"/>. Values are left in chars (see <see cref="Command.SetValue"/>), so the
        /// chars must stay unchanged while the command is used.
        /// </summary>
        public string Parse(char[] chars, int length, Command into)
        {
            into.Clear();
            if (chars != null && length > chars.Length)
            {
                length = chars.Length;
            }

            if (chars != null && length > 0 && (!ActuatorValue.IsPrintableAscii(chars[0]) || !ActuatorValue.IsPrintableAscii(chars[length - 1])))
            {
                // Text that starts or ends with anything but printable ASCII is trimmed as a string, so that
                // trimming stays exactly string.Trim's on every platform; a copy of its own, read in place
                // (on nanoCLR the string indexer costs O(i) and is wrong at a low surrogate).
                chars = new string(chars, 0, length).Trim().ToCharArray();
                length = chars.Length;
            }

            if (chars == null || length <= 0)
            {
                return into.Refuse(CommandErrors.InvalidValue, "empty command");
            }

            char first = chars[0];
            if (first != '{' && first != '[' && first != '"')
            {
                into.SetValue(chars, 0, length);
                return null;
            }

            if (first == '[')
            {
                return into.Refuse(CommandErrors.InvalidCommand, "a JSON command is an object: {\"value\":\"on\"}");
            }

            _json.Reset(chars, 0, length);
            string problem = null;
            if (first == '"')
            {
                // A bare JSON string is the value.
                if (_json.ReadLone())
                {
                    TakeString(into);
                    return null;
                }
            }
            else
            {
                // The first shape error is kept but the reading goes on: a document that is also malformed
                // reports that, and the id is found wherever it stands.
                while (_json.Next())
                {
                    string p = null;
                    if (_json.NameIs(IdName))
                    {
                        p = ReadId(into);
                    }
                    else if (_json.NameIs(ValueName))
                    {
                        p = ReadValue(into);
                    }
                    else if (_json.NameIs(ExpiresName))
                    {
                        p = ReadExpires(into);
                    }
                    else if (_json.NameIs(CmdName))
                    {
                        p = ReadText(ref into.Cmd, "cmd");
                    }
                    else if (_json.NameIs(SensorName))
                    {
                        p = ReadText(ref into.Sensor, "sensor");
                    }
                    else if (_json.NameIs(StreamName))
                    {
                        p = ReadText(ref into.Stream, "stream");
                    }

                    problem = problem ?? p;
                    if (_json.Kind == JsonKind.Nested)
                    {
                        // Nothing of a command is nested, and the reader does not go past it.
                        return into.Refuse(CommandErrors.InvalidCommand, problem ?? "no nested objects or arrays in a command");
                    }
                }
            }

            if (_json.Error != null)
            {
                return into.Refuse(CommandErrors.MalformedJson, "malformed JSON: " + _json.Error);
            }

            if (problem != null)
            {
                return into.Refuse(CommandErrors.InvalidCommand, problem);
            }

            if (!into.HasValue && into.Cmd == null)
            {
                return into.Refuse(CommandErrors.InvalidCommand, "no \"value\" in the command");
            }

            return null;
        }

        private string ReadId(Command into)
        {
            if (into.IdLength > 0)
            {
                return Quoted("id", "\" appears twice");
            }

            if (_json.Kind != JsonKind.String)
            {
                return Quoted("id", "\" must be a string");
            }

            // Read where the reader left the unescaped text, so no string is made for the id: 1 to 64
            // characters, none of them a control character.
            char[] chars = _json.ValueChars;
            int start = _json.ValueStart;
            int length = _json.ValueLength;
            if (length <= 0 || length > MaxIdLength)
            {
                return "\"id\" must be 1 to 64 characters"; // MaxIdLength
            }

            for (int i = start; i < start + length; i++)
            {
                if (chars[i] < ' ' || chars[i] == (char)0x7F)
                {
                    return "\"id\" must not hold control characters";
                }
            }

            System.Array.Copy(chars, start, into.IdChars, 0, length);
            into.IdLength = length;
            return null;
        }

        private string ReadValue(Command into)
        {
            if (into.HasValue)
            {
                return Quoted("value", "\" appears twice");
            }

            switch (_json.Kind)
            {
                case JsonKind.String:
                    TakeString(into);
                    return null;
                case JsonKind.Number:
                    into.SetValue(_json.ValueChars, _json.ValueStart, _json.ValueLength);
                    return null;
                case JsonKind.True:
                    into.Value = "on";
                    return null;
                case JsonKind.False:
                    into.Value = "off";
                    return null;
                default:
                    return Quoted("value", "\" must be a string, number or boolean");
            }
        }

        private string ReadExpires(Command into)
        {
            if (into.Expires > 0)
            {
                return Quoted("expires", "\" appears twice");
            }

            long expires;
            if (!_json.TryGetInt64(out expires) || expires <= 0)
            {
                return "\"expires\" must be Unix seconds above 0";
            }

            into.Expires = expires;
            return null;
        }

        private string ReadText(ref string field, string name)
        {
            if (field != null)
            {
                return Quoted(name, "\" appears twice");
            }

            if (_json.Kind != JsonKind.String)
            {
                return Quoted(name, "\" must be a string");
            }

            field = new string(_json.ValueChars, _json.ValueStart, _json.ValueLength);
            return null;
        }

        /// <summary>The current JSON string as the command's value: in place when it had no escapes.</summary>
        private void TakeString(Command into)
        {
            if (_json.ValueInPlace)
            {
                into.SetValue(_json.ValueChars, _json.ValueStart, _json.ValueLength);
            }
            else
            {
                into.Value = new string(_json.ValueChars, _json.ValueStart, _json.ValueLength);
            }
        }

        /// <summary>"\"name" + rest, rest starting with the closing quote: the member named in a problem.</summary>
        private static string Quoted(string name, string rest)
        {
            return "\"" + name + rest;
        }
    }
}
