namespace NanoMqtt.Simulation;

/// <summary>
/// A reader of the nf.config/nf.secrets syntax for the PC tools: `[section]`, `key = value`, `#` or `;`
/// comment lines. The device's own parser (with its validation) is the core's; this one only lets the
/// CLI take defaults (brokers, prefix, board target) from the same file.
/// </summary>
public sealed class IniFile
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);

    public static IniFile Parse(string text)
    {
        var ini = new IniFile();
        Dictionary<string, string> current = null;
        foreach (string raw in (text ?? "").Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                string name = line[1..^1].Trim();
                if (!ini._sections.TryGetValue(name, out current))
                {
                    current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    ini._sections[name] = current;
                }

                continue;
            }

            int eq = line.IndexOf('=');
            if (eq <= 0 || current == null)
            {
                continue;
            }

            current[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }

        return ini;
    }

    public static IniFile Load(string path) => Parse(File.ReadAllText(path));

    public IEnumerable<string> SectionNames => _sections.Keys;

    public string Get(string section, string key, string fallback = null)
    {
        return _sections.TryGetValue(section, out var s) && s.TryGetValue(key, out string v) && v.Length > 0 ? v : fallback;
    }
}
