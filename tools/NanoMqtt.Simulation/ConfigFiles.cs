using NanoMqtt.Core.Config;

namespace NanoMqtt.Simulation;

/// <summary>
/// nf.config and nf.secrets for the PC tools, read by the core's own parser (<see cref="ConfigDocument"/>):
/// the CLI takes its defaults (brokers, prefix, board target, the account) from the very file the board
/// reads, by the same syntax rules.
/// </summary>
public static class ConfigFiles
{
    /// <summary>Parses the file; an <see cref="InvalidDataException"/> that names it and the line when it is malformed.</summary>
    public static ConfigDocument Load(string path)
    {
        ConfigDocument doc = ConfigDocument.Parse(File.ReadAllText(path), out string error);
        return doc ?? throw new InvalidDataException(path + " " + error);
    }

    /// <summary>The value of <paramref name="key"/> in [<paramref name="section"/>]; the fallback when either is absent or the value is empty.</summary>
    public static string Get(this ConfigDocument doc, string section, string key, string fallback = null)
    {
        string value = doc.Section(section)?.Find(key)?.Value;
        return string.IsNullOrEmpty(value) ? fallback : value;
    }
}
