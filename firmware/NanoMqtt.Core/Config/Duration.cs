namespace NanoMqtt.Core.Config
{
    /// <summary>
    /// Durations as people write them in config and in commands: "500ms", "10s", "5m", "1h", "1d", or a
    /// plain number of seconds ("30"). Up to three decimals are allowed ("1.5s", "0.25m") as long as the
    /// result is a whole number of milliseconds. Parsed with integer math only (no double rounding).
    /// </summary>
    public static class Duration
    {
        // A year is far beyond any sensible interval or timeout, and keeps every product inside a long.
        private const long MaxMs = 366L * 24 * 3600 * 1000;

        /// <summary>False (and ms = 0) for anything else: empty, negative, unknown unit, too precise, too large.</summary>
        public static bool TryParse(string text, out long ms)
        {
            ms = 0;
            if (text == null)
            {
                return false;
            }

            // One copy rather than the indexer, which costs O(i) on nanoCLR.
            char[] s = text.Trim().ToCharArray();
            int end = s.Length;
            while (end > 0)
            {
                char c = s[end - 1];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
                {
                    break;
                }

                end--;
            }

            long unitMs = UnitMs(new string(s, end, s.Length - end).ToLower());
            if (unitMs == 0)
            {
                return false;
            }

            // Number part: digits, optionally '.' and up to three digits, kept as thousandths.
            int i = 0;
            long whole = 0;
            int digits = 0;
            while (i < end && IsDigit(s[i]))
            {
                whole = whole * 10 + (s[i] - '0');
                digits++;
                i++;
                if (whole > MaxMs)
                {
                    return false;
                }
            }

            long thousandths = 0;
            int decimals = 0;
            if (i < end && s[i] == '.')
            {
                i++;
                while (i < end && IsDigit(s[i]))
                {
                    if (decimals == 3)
                    {
                        return false;
                    }

                    thousandths = thousandths * 10 + (s[i] - '0');
                    decimals++;
                    i++;
                }

                if (decimals == 0)
                {
                    return false;
                }
            }

            if (i != end || digits == 0)
            {
                return false;
            }

            while (decimals < 3)
            {
                thousandths *= 10;
                decimals++;
            }

            // whole <= MaxMs and unitMs <= one day, so this cannot overflow.
            if (whole > MaxMs / unitMs)
            {
                return false;
            }

            long fractionTimesUnit = thousandths * unitMs;
            if (fractionTimesUnit % 1000 != 0)
            {
                return false;
            }

            long total = whole * unitMs + fractionTimesUnit / 1000;
            if (total > MaxMs)
            {
                return false;
            }

            ms = total;
            return true;
        }

        /// <summary>The shortest exact text for ms: 1500 gives "1500ms", 30000 "30s", 300000 "5m", 3600000 "1h".</summary>
        public static string Format(long ms)
        {
            if (ms != 0)
            {
                if (ms % 3600000 == 0)
                {
                    return (ms / 3600000).ToString() + "h";
                }

                if (ms % 60000 == 0)
                {
                    return (ms / 60000).ToString() + "m";
                }

                if (ms % 1000 == 0)
                {
                    return (ms / 1000).ToString() + "s";
                }
            }

            return ms.ToString() + "ms";
        }

        // An if-chain, not a switch: a string switch of seven or more labels compiles to a hash lookup
        // that leans on compiler-generated helpers, which nanoFramework's toolchain is best kept away from.
        /// <summary>Milliseconds per unit; 0 for an unknown unit.</summary>
        private static long UnitMs(string unit)
        {
            if (unit.Length == 0 || unit == "s")
            {
                return 1000;
            }

            if (unit == "ms")
            {
                return 1;
            }

            if (unit == "m" || unit == "min")
            {
                return 60000;
            }

            if (unit == "h")
            {
                return 3600000;
            }

            return unit == "d" ? 86400000 : 0;
        }

        private static bool IsDigit(char c)
        {
            return c >= '0' && c <= '9';
        }
    }
}
