namespace NanoMqtt.Core.Config
{
    /// <summary>
    /// Reads typed values from one section, keeping the first error ("line 12: interval ...") and marking
    /// each key it reads, so that a misspelt key is reported instead of silently ignored.
    /// </summary>
    internal sealed class SectionReader
    {
        private readonly ConfigSection _section;
        private readonly string _label;

        public string Error;

        public SectionReader(ConfigSection section)
        {
            _section = section;
            _label = "[" + section.Name + "]";
        }

        /// <summary>
        /// The NAME of a [KIND.NAME] section (a sensor or an actuator), with an error at the header when it is
        /// not 1 to 32 of a-z, 0-9, '_' and '-'. Unique: the document refuses a section that appears twice.
        /// </summary>
        public string Name(string kind)
        {
            string name = _section.Name.Substring(kind.Length + 1);
            if (!ConfigDocument.IsWord(name, 32, '-') && Error == null)
            {
                Error = ConfigDocument.At(_section.Line, kind + " name '" + name + "' must be 1 to 32 of a-z, 0-9, '_' and '-'");
            }

            return name;
        }

        public string Text(string key, string fallback)
        {
            ConfigEntry entry = Take(key);
            return entry == null || entry.Value.Length == 0 ? fallback : entry.Value;
        }

        public int Int(string key, int fallback, int min, int max)
        {
            ConfigEntry entry = Take(key);
            if (entry == null)
            {
                return fallback;
            }

            long value;
            if (!TryParseInteger(entry.Value, out value) || value < min || value > max)
            {
                Fail(entry, "a whole number from " + min.ToString() + " to " + max.ToString());
                return fallback;
            }

            return (int)value;
        }

        public long Milliseconds(string key, long fallback, long min, long max)
        {
            ConfigEntry entry = Take(key);
            if (entry == null)
            {
                return fallback;
            }

            long ms;
            if (!Duration.TryParse(entry.Value, out ms) || ms < min || ms > max)
            {
                Fail(entry, "a duration (500ms, 10s, 5m, 1h) from " + Duration.Format(min) + " to " + Duration.Format(max));
                return fallback;
            }

            return ms;
        }

        public bool Bool(string key, bool fallback)
        {
            ConfigEntry entry = Take(key);
            if (entry == null)
            {
                return fallback;
            }

            string v = entry.Value.ToLower();
            if (v == "true" || v == "yes" || v == "on" || v == "1")
            {
                return true;
            }

            if (v == "false" || v == "no" || v == "off" || v == "0")
            {
                return false;
            }

            Fail(entry, "true or false");
            return fallback;
        }

        public double Number(string key, double fallback, double min, double max)
        {
            ConfigEntry entry = Take(key);
            if (entry == null)
            {
                return fallback;
            }

            double value;
            if (!double.TryParse(entry.Value, out value) || double.IsNaN(value) || value < min || value > max)
            {
                Fail(entry, "a number from " + min.ToString() + " to " + max.ToString());
                return fallback;
            }

            return value;
        }

        /// <summary>Records an error about a key whose value has the right form but the wrong meaning.</summary>
        public void Invalid(string key, string expected)
        {
            ConfigEntry entry = _section.Find(key);
            if (entry != null)
            {
                Fail(entry, expected);
            }
            else if (Error == null)
            {
                Error = ConfigDocument.At(_section.Line, _label + " needs '" + key + "': " + expected);
            }
        }

        /// <summary>
        /// Reports what an options class's Validate found wrong with the values read. "KEY must be WHAT" is an
        /// error of that key, at its line ("line 5: awake_max in [sleep] is '1m', expected WHAT"); anything
        /// else is an error of the section, at its header's line.
        /// </summary>
        public void Check(string problem)
        {
            if (problem == null || Error != null)
            {
                return;
            }

            int must = problem.IndexOf(" must be ");
            string key = must > 0 ? problem.Substring(0, must) : null;
            if (key != null && key.IndexOf(' ') < 0)
            {
                Invalid(key, problem.Substring(must + 9));
            }
            else
            {
                Error = ConfigDocument.At(_section.Line, _label + " " + problem);
            }
        }

        /// <summary>Reports the first key that no reader took: most likely a typo, or a password that belongs in nf.secrets.</summary>
        public void RejectUnknownKeys()
        {
            if (Error != null)
            {
                return;
            }

            for (int i = 0; i < _section.Entries.Count; i++)
            {
                var entry = (ConfigEntry)_section.Entries[i];
                if (entry.Used)
                {
                    continue;
                }

                if (entry.Key == "password")
                {
                    Fail(entry, "nothing: passwords go in nf.secrets");
                }
                else
                {
                    Error = ConfigDocument.At(entry.Line, "unknown key '" + entry.Key + "' in " + _label);
                }

                return;
            }
        }

        /// <summary>Decimal or 0x-prefixed hexadecimal, as I2C addresses are written.</summary>
        public static bool TryParseInteger(string text, out long value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 18)
            {
                return false;
            }

            // Lower case, so that "0X1F" reads as "0x1f".
            char[] chars = text.ToLower().ToCharArray();
            if (chars.Length > 2 && chars[0] == '0' && chars[1] == 'x')
            {
                for (int i = 2; i < chars.Length; i++)
                {
                    char c = chars[i];
                    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                    if (digit < 0 || i > 15)
                    {
                        return false;
                    }

                    value = value * 16 + digit;
                }

                return true;
            }

            return long.TryParse(text, out value);
        }

        private ConfigEntry Take(string key)
        {
            ConfigEntry entry = _section.Find(key);
            if (entry != null)
            {
                entry.Used = true;
            }

            return entry;
        }

        private void Fail(ConfigEntry entry, string expected)
        {
            if (Error == null)
            {
                Error = ConfigDocument.At(entry.Line, entry.Key + " in " + _label + " is '" + entry.Value + "', expected " + expected);
            }
        }
    }
}
