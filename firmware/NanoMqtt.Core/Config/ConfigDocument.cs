using System.Collections;

namespace NanoMqtt.Core.Config
{
    /// <summary>
    /// An INI-like text (nf.config, nf.secrets) split into sections of key = value lines. It only knows the
    /// syntax; <see cref="DeviceConfig"/> gives the keys their meaning. Every error names its line.
    /// </summary>
    public sealed class ConfigDocument
    {
        /// <summary>The <see cref="ConfigSection"/>s in file order. Only the parser adds to it.</summary>
        public readonly ArrayList Sections = new ArrayList();

        private ConfigDocument()
        {
        }

        /// <summary>The section of that name, or null.</summary>
        public ConfigSection Section(string name)
        {
            for (int i = 0; i < Sections.Count; i++)
            {
                var section = (ConfigSection)Sections[i];
                if (section.Name == name)
                {
                    return section;
                }
            }

            return null;
        }

        /// <summary>Parses the text; null and an error ("line 7: ...") when a line is malformed.</summary>
        public static ConfigDocument Parse(string text, out string error)
        {
            error = null;
            var doc = new ConfigDocument();
            if (text == null)
            {
                return doc;
            }

            // Lines are cut from one copy of the text. On nanoCLR a string is UTF-8 inside, so its indexer,
            // Length, IndexOf and Substring each walk the whole string: once per line, that made the parse
            // quadratic in the size of the file.
            char[] chars = text.ToCharArray();
            ConfigSection current = null;
            int lineNumber = 0;
            int start = 0;
            while (start <= chars.Length)
            {
                int end = start;
                while (end < chars.Length && chars[end] != '\n')
                {
                    end++;
                }

                lineNumber++;
                string line = new string(chars, start, end - start).Trim();
                start = end + 1;

                // First and last chars by native searches: no indexer (see above), and linear in the line.
                if (line.Length == 0 || line.IndexOf('#') == 0 || line.IndexOf(';') == 0)
                {
                    continue;
                }

                if (line.IndexOf('[') == 0)
                {
                    if (line.LastIndexOf(']') != line.Length - 1)
                    {
                        error = At(lineNumber, "a section header must end with ']'");
                        return null;
                    }

                    string name = line.Substring(1, line.Length - 2).Trim().ToLower();
                    if (name.Length == 0)
                    {
                        error = At(lineNumber, "empty section name");
                        return null;
                    }

                    if (doc.Section(name) != null)
                    {
                        error = At(lineNumber, "section [" + name + "] appears twice");
                        return null;
                    }

                    current = new ConfigSection(name, lineNumber);
                    doc.Sections.Add(current);
                    continue;
                }

                int eq = line.IndexOf('=');
                if (eq <= 0)
                {
                    error = At(lineNumber, "expected 'key = value', found '" + Clip(line) + "'");
                    return null;
                }

                if (current == null)
                {
                    error = At(lineNumber, "'" + Clip(line) + "' comes before any [section]");
                    return null;
                }

                string key = line.Substring(0, eq).Trim().ToLower();
                string value = line.Substring(eq + 1).Trim();
                if (!IsWord(key, int.MaxValue, '_'))
                {
                    error = At(lineNumber, "'" + Clip(key) + "' is not a key: use a-z, 0-9 and '_'");
                    return null;
                }

                if (current.Find(key) != null)
                {
                    error = At(lineNumber, "key '" + key + "' appears twice in [" + current.Name + "]");
                    return null;
                }

                current.Entries.Add(new ConfigEntry(key, value, lineNumber));
            }

            return doc;
        }

        internal static string At(int line, string message)
        {
            return "line " + line.ToString() + ": " + message;
        }

        /// <summary>1 to max of a-z, 0-9, '_' and extra: a key (extra '_' again), or a sensor or actuator name ('-').</summary>
        internal static bool IsWord(string text, int max, char extra)
        {
            char[] chars = text.ToCharArray();
            bool ok = chars.Length > 0 && chars.Length <= max;
            for (int i = 0; ok && i < chars.Length; i++)
            {
                char c = chars[i];
                ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == extra;
            }

            return ok;
        }

        private static string Clip(string s)
        {
            return s.Length <= 40 ? s : s.Substring(0, 40) + "...";
        }
    }

    public sealed class ConfigSection
    {
        /// <summary>The <see cref="ConfigEntry"/>s in file order. Only the parser adds to them.</summary>
        public readonly ArrayList Entries = new ArrayList();

        public readonly string Name;
        public readonly int Line;

        internal ConfigSection(string name, int line)
        {
            Name = name;
            Line = line;
        }

        /// <summary>The entry for the key, or null.</summary>
        public ConfigEntry Find(string key)
        {
            for (int i = 0; i < Entries.Count; i++)
            {
                var entry = (ConfigEntry)Entries[i];
                if (entry.Key == key)
                {
                    return entry;
                }
            }

            return null;
        }
    }

    public sealed class ConfigEntry
    {
        public readonly string Key;
        public readonly string Value;
        public readonly int Line;

        /// <summary>Set when a reader took the value, so that unknown keys (typos) can be reported.</summary>
        public bool Used;

        internal ConfigEntry(string key, string value, int line)
        {
            Key = key;
            Value = value;
            Line = line;
        }
    }
}
