using System.CommandLine.Parsing;
using System.Globalization;
using NanoMqtt.Core.Config;

namespace NanoMqtt.Tools;

/// <summary>
/// Durations on the command line, as nf.config writes them (500ms, 10s, 5m, 1h; a plain number means
/// seconds): parsed by the core's <see cref="Duration"/>, the board's own parser.
/// </summary>
public static class Durations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        bool ok = Duration.TryParse(text, out long ms);
        value = TimeSpan.FromMilliseconds(ms);
        return ok;
    }

    /// <summary>A System.CommandLine parser for a duration option; a bad value is a parse error (exit 64).</summary>
    public static TimeSpan Parse(ArgumentResult result)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TryParse(token, out TimeSpan value))
        {
            return value;
        }

        result.AddError("'" + token + "' is not a duration (use 500ms, 10s, 5m or 1h)");
        return default;
    }

    public static string Format(TimeSpan t)
    {
        if (t.TotalMilliseconds < 1000)
        {
            return ((long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
        }

        return t.TotalSeconds.ToString(t.TotalSeconds % 1 == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " s";
    }
}
