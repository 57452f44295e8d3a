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

        /// <summary>ParsePercent: not a plain decimal number.</summary>
        public const int NotANumber = -1;

        /// <summary>ParsePercent: a number, but below 0 or above 100.</summary>
        public const int OutOfRange = -2;

        /// <summary>False when the text is neither a verb nor a percentage in 0..100.</summary>
        public static bool TryParse(string text, out ActuatorVerb verb, out int duty)
        {
            verb = ActuatorVerb.Off;
            duty = 0;
            if (text == null)
            {
                return false;
            }

            string s = text.Trim().ToLower();
            switch (s)
            {
                case "on":
                    verb = ActuatorVerb.On;
                    return true;
                case "off":
                    return true;
                case "toggle":
                    verb = ActuatorVerb.Toggle;
                    return true;
            }

            int parsed = ParsePercent(s);
            if (parsed < 0)
            {
                return false;
            }

            verb = ActuatorVerb.Duty;
            duty = parsed;
            return true;
        }

        /// <summary>
        /// "37.5" gives 3750. Beyond two decimals it rounds half up ("0.005" gives 1). Returns
        /// <see cref="NotANumber"/> or <see cref="OutOfRange"/> when it cannot be a duty.
        /// </summary>
        public static int ParsePercent(string text)
        {
            if (text == null)
            {
                return NotANumber;
            }

            string s = text.Trim();
            int i = 0;
            bool negative = false;
            if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
            {
                negative = s[0] == '-';
                i = 1;
            }

            long whole = 0;
            int digits = 0;
            bool overflow = false;
            while (i < s.Length && IsDigit(s[i]))
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
            if (i < s.Length && s[i] == '.')
            {
                i++;
                int start = i;
                while (i < s.Length && IsDigit(s[i]))
                {
                    if (decimals < 2)
                    {
                        fraction = fraction * 10 + (s[i] - '0');
                        decimals++;
                    }
                    else if (i == start + 2)
                    {
                        roundUp = s[i] >= '5';
                    }

                    i++;
                }

                if (i == start)
                {
                    return NotANumber;
                }
            }

            if (i != s.Length || digits == 0)
            {
                return NotANumber;
            }

            while (decimals < 2)
            {
                fraction *= 10;
                decimals++;
            }

            long hundredths = whole * 100 + fraction + (roundUp ? 1 : 0);
            if (overflow || hundredths > FullDuty || (negative && hundredths > 0))
            {
                return OutOfRange;
            }

            return (int)hundredths;
        }

        /// <summary>The shortest text of a duty: 3750 gives "37.5", 10000 "100", 5 "0.05".</summary>
        public static string FormatPercent(int duty)
        {
            string whole = (duty / 100).ToString();
            int fraction = duty % 100;
            if (fraction == 0)
            {
                return whole;
            }

            if (fraction % 10 == 0)
            {
                return whole + "." + (fraction / 10).ToString();
            }

            return whole + "." + (fraction < 10 ? "0" : "") + fraction.ToString();
        }

        private static bool IsDigit(char c)
        {
            return c >= '0' && c <= '9';
        }
    }
}
