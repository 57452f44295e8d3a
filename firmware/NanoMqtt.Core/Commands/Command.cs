using NanoMqtt.Core.Actuators;

namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// One parsed command, whatever form it came in. The router reuses one instance, and a value that
    /// came straight from the payload ("on", "37.5") is kept as a range of the router's char buffer until
    /// someone reads <see cref="Value"/>, so an actuator command allocates no string for it.
    /// </summary>
    public sealed class Command
    {
        // The id is copied into a buffer of the command's own, so that an id costs no string: it is
        // compared against the recent ids and echoed in the answer from these chars. 0 means no id (an id
        // is never empty).
        /// <summary>The id is IdChars[0..IdLength), without making its string; IdLength 0: no id. The parser copies it in, checked (1 to <see cref="CommandParser.MaxIdLength"/> chars).</summary>
        public readonly char[] IdChars = new char[CommandParser.MaxIdLength];
        public int IdLength;

        private string _value;
        private char[] _valueChars;
        private int _valueStart;
        private int _valueLength;

        /// <summary>Unix seconds at which the command stops being valid; 0 when it has no expiry (the parser takes only values above 0).</summary>
        public long Expires;

        /// <summary>JSON "cmd" of a device command ("interval"), or null.</summary>
        public string Cmd;

        /// <summary>JSON "sensor" of an interval command, or null.</summary>
        public string Sensor;

        /// <summary>JSON "stream" of a qos command, or null.</summary>
        public string Stream;

        /// <summary>Why the command was refused, for the answer's "reason"; set with its code by <see cref="Refuse"/>.</summary>
        public string Reason;

        /// <summary>The command id as a new string (for a reason text), or null for plain commands.</summary>
        public string Id
        {
            get { return IdLength > 0 ? new string(IdChars, 0, IdLength) : null; }
        }

        /// <summary>
        /// The value as text: "on", "37.5", or a whole device command line ("interval climate 30s"). JSON
        /// true/false arrive as "on"/"off" and numbers as their literal text.
        /// </summary>
        public string Value
        {
            get
            {
                if (_value == null && _valueChars != null)
                {
                    _value = new string(_valueChars, _valueStart, _valueLength);
                    _valueChars = null;
                }

                return _value;
            }

            set
            {
                _value = value;
                _valueChars = null;
            }
        }

        /// <summary>True when there is a value (without making its string).</summary>
        public bool HasValue
        {
            get { return _value != null || _valueChars != null; }
        }

        /// <summary>
        /// The value is chars[start..start+length), read in place: the chars must stay unchanged until the
        /// command is used up (the router's buffer holds the current message), or <see cref="Value"/> is read.
        /// </summary>
        public void SetValue(char[] chars, int start, int length)
        {
            _value = null;
            _valueChars = chars;
            _valueStart = start;
            _valueLength = length;
        }

        /// <summary>The value as an actuator verb or duty, exactly as ActuatorValue.TryParse reads its text.</summary>
        public bool TryGetActuatorValue(out ActuatorVerb verb, out int duty)
        {
            if (_value == null && _valueChars != null)
            {
                int parsed = ActuatorValue.ParseInPlace(_valueChars, _valueStart, _valueLength, out verb, out duty);
                if (parsed != ActuatorValue.NeedsText)
                {
                    return parsed == ActuatorValue.Valid;
                }
            }

            return ActuatorValue.TryParse(Value, out verb, out duty);
        }

        /// <summary>Keeps the reason and returns the code: a refusal in one expression, for the parser, the device commands and the router.</summary>
        public string Refuse(string code, string reason)
        {
            Reason = reason;
            return code;
        }

        public void Clear()
        {
            Reason = null;
            IdLength = 0;
            _value = null;
            _valueChars = null;
            Expires = 0;
            Cmd = null;
            Sensor = null;
            Stream = null;
        }
    }
}
