namespace NanoMqtt.Core.Actuators
{
    /// <summary>
    /// The values a command (or the config's safe state) may give an actuator: on, off, toggle (any case)
    /// or a percentage "0".."100" with decimals ("37.5"). Duties are hundredths of a percent, as
    /// <see cref="Hardware.IPwmOutput"/> takes them, parsed with integer math (no double rounding).
    /// </summary>
    public static class ActuatorValue
    {
        public const int FullDuty = 10000;

        // The verbs as chars: matched in place against a command's chars, and written as a state, without
        // allocating.
        internal static readonly char[] On = "on".ToCharArray();
        internal static readonly char[] Off = "off".ToCharArray();
        private static readonly char[] Toggle = "toggle".ToCharArray();

        /// <summary>False when the text is neither a verb nor a percentage in 0..100.</summary>
        public static bool TryParse(string text, out ActuatorVerb verb, out int duty)
        {
            verb = ActuatorVerb.Off;
            duty = 0;
            if (text == null)
            {
                return false;
            }

            char[] chars = text.Trim().ToLower().ToCharArray();
            return Parse(chars, 0, chars.Length, out verb, out duty);
        }

        /// <summary>ParseInPlace: the text is a verb or a duty (verb and duty are set).</summary>
        public const int Valid = 1;

        /// <summary>ParseInPlace: the text is neither; TryParse would say false.</summary>
        public const int Invalid = 0;

        /// <summary>ParseInPlace: undecided in place (blanks at an end, non-ASCII): ask TryParse with the string.</summary>
        public const int NeedsText = -1;

        /// <summary>
        /// TryParse on chars[start..start+length) without making a string, for a command that arrives many
        /// times a second. It decides only text that Trim leaves as it is and ToLower maps as ASCII does
        /// (printable ASCII at both ends, no char above 0x7F), so its answer is TryParse's on every platform;
        /// anything else gives <see cref="NeedsText"/>.
        /// </summary>
        public static int ParseInPlace(char[] chars, int start, int length, out ActuatorVerb verb, out int duty)
        {
            verb = ActuatorVerb.Off;
            duty = 0;
            if (chars == null || length <= 0 || start < 0 || start + length > chars.Length
                || !IsPrintableAscii(chars[start]) || !IsPrintableAscii(chars[start + length - 1]))
            {
                return NeedsText;
            }

            for (int i = start; i < start + length; i++)
            {
                if (chars[i] > 0x7E)
                {
                    return NeedsText;
                }
            }

            return Parse(chars, start, length, out verb, out duty) ? Valid : Invalid;
        }

        /// <summary>The verbs (ASCII case ignored), else a duty: the parse both entry points share once their text is trimmed.</summary>
        private static bool Parse(char[] chars, int start, int length, out ActuatorVerb verb, out int duty)
        {
            verb = ActuatorVerb.Off;
            duty = 0;
            if (IsWord(chars, start, length, On))
            {
                verb = ActuatorVerb.On;
                return true;
            }

            if (IsWord(chars, start, length, Off))
            {
                return true;
            }

            if (IsWord(chars, start, length, Toggle))
            {
                verb = ActuatorVerb.Toggle;
                return true;
            }

            duty = ParsePercent(chars, start, length);
            if (duty < 0)
            {
                duty = 0;
                return false;
            }

            verb = ActuatorVerb.Duty;
            return true;
        }

        /// <summary>
        /// "37.5" gives 3750. Beyond two decimals it rounds half up ("0.005" gives 1). -1 when it is not a
        /// plain decimal number or lies outside 0..100. The chars need no trimming (start..start+length).
        /// </summary>
        private static int ParsePercent(char[] s, int start, int length)
        {
            int end = start + length;
            int i = start;
            bool negative = false;
            if (i < end && (s[i] == '-' || s[i] == '+'))
            {
                negative = s[i] == '-';
                i++;
            }

            long whole = 0;
            int digits = 0;
            bool overflow = false;
            while (i < end && s[i] >= '0' && s[i] <= '9')
            {
                if (whole <= 1000)
                {
                    whole = whole * 10 + (s[i] - '0');
                }
                else
                {
                    overflow = true;
                }

                digits++;
                i++;
            }

            int fraction = 0;
            int decimals = 0;
            bool roundUp = false;
            if (i < end && s[i] == '.')
            {
                i++;
                int first = i;
                while (i < end && s[i] >= '0' && s[i] <= '9')
                {
                    if (decimals < 2)
                    {
                        fraction = fraction * 10 + (s[i] - '0');
                        decimals++;
                    }
                    else if (i == first + 2)
                    {
                        roundUp = s[i] >= '5';
                    }

                    i++;
                }

                if (i == first)
                {
                    return -1;
                }
            }

            if (i != end || digits == 0)
            {
                return -1;
            }

            while (decimals < 2)
            {
                fraction *= 10;
                decimals++;
            }

            long hundredths = whole * 100 + fraction + (roundUp ? 1 : 0);
            if (overflow || hundredths > FullDuty || (negative && hundredths > 0))
            {
                return -1;
            }

            return (int)hundredths;
        }

        /// <summary>A char that trimming never removes and lowering maps as ASCII does (the in-place parsers' test).</summary>
        internal static bool IsPrintableAscii(char c)
        {
            return c > ' ' && c < 0x7F;
        }

        /// <summary>True when the chars, lowered as ASCII, equal word (which is lower case).</summary>
        private static bool IsWord(char[] chars, int start, int length, char[] word)
        {
            if (length != word.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                char c = chars[start + i];
                if (c >= 'A' && c <= 'Z')
                {
                    c = (char)(c + ('a' - 'A'));
                }

                if (c != word[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
