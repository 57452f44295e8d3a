using System.CommandLine.Parsing;
using System.Globalization;

namespace NanoMqtt.Tools;

/// <summary>Durations as nf.config writes them: 500ms, 10s, 5m, 1h; a plain number means seconds.</summary>
public static class Durations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim().ToLowerInvariant();
        double scale = 1000;
        string number = text;
        if (text.EndsWith("ms", StringComparison.Ordinal))
        {
            scale = 1;
            number = text[..^2];
        }
        else if (text.EndsWith('s'))
        {
            number = text[..^1];
        }
        else if (text.EndsWith('m'))
        {
            scale = 60_000;
            number = text[..^1];
        }
        else if (text.EndsWith('h'))
        {
            scale = 3_600_000;
            number = text[..^1];
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || n < 0 || double.IsInfinity(n))
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(n * scale);
        return true;
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
