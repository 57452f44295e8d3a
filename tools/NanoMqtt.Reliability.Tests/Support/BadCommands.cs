using System.Text;
using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Commands;

namespace NanoMqtt.Reliability.Tests.Support;

/// <summary>One generated command: where it goes, what it carries, and what kind of bad it is.</summary>
public sealed record BadCommand(string Target, byte[] Payload, string Kind);

/// <summary>
/// A seeded generator of command payloads a device must refuse: oversized, malformed JSON, well-formed
/// JSON of the wrong shape or type, invalid UTF-8, random bytes, random words, unknown targets and
/// broken device commands. Random payloads that the firmware's own parser would read as a possibly
/// valid actuator value ("on", "1", {"value":"off"}...) are drawn again, so every one deserves an error.
/// </summary>
public sealed class BadCommands
{
    public static readonly string[] Kinds = { "oversized", "malformed_json", "wrong_type", "invalid_utf8", "random_bytes", "random_words", "unknown_target", "bad_device_command" };

    private static readonly string[] Malformed =
    {
        "{\"value\":\"on\"", "{\"value\":on}", "{\"id\":\"x\",}", "{\"value\":\"on\"}}", "{\"value\":\"\\u12\"}", "{\"value\":\"on\",\"id\":}",
        "[\"on\"", "{\"value\" \"on\"}", "{'value':'on'}", "{\"value\":\"on\",,}", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}},\"value\":\"on\"}",
        "{\"value\":\"o\\qn\"}", "{\"value\":01}", "{\"value\":-}", "{\"value\":\"on\"} trailing", "\"on", "{\"value\":\"on\u0001\"}", "{\"value\":1.}",
    };

    private static readonly string[] WrongType =
    {
        "{\"value\":[1,2]}", "{\"value\":{\"x\":1}}", "{\"value\":null}", "{\"id\":123,\"value\":\"on\"}", "{\"id\":\"x\",\"value\":\"on\",\"expires\":\"tomorrow\"}",
        "[\"on\"]", "\"dim\"", "{\"value\":true}", "{\"cmd\":5}", "{\"value\":1e400}", "{}", "{\"id\":\"\",\"value\":\"on\"}", "{\"value\":\"\"}", "[]", "42.5e3", "{\"id\":[\"a\"],\"value\":\"on\"}",
        "{\"id\":\"" + new string('i', 65) + "\",\"value\":\"on\"}", "{\"value\":\"150\"}", "{\"value\":-1}",
    };

    private static readonly string[] DeviceCommands =
    {
        "interval nosuch 5s", "interval light 10ms", "interval light abc", "interval light", "interval", "qos light 3", "qos light -1", "qos nosuch 1",
        "qos light", "ping extra", "reboot now", "diag please", "interval light 5s extra words", "{\"cmd\":\"qos\",\"sensor\":\"light\",\"value\":1}",
        "{\"cmd\":\"interval\",\"stream\":\"light\",\"value\":\"5s\"}", "{\"cmd\":\"frobnicate\"}", "",
    };

    private readonly Random _random;
    private readonly CommandParser _parser = new CommandParser(4096);
    private readonly Command _command = new Command();

    public BadCommands(int seed)
    {
        _random = new Random(seed);
    }

    public BadCommand Next(int index)
    {
        string kind = Kinds[index % Kinds.Length];
        while (true)
        {
            BadCommand c = Make(kind);
            if (c.Target == "device" || c.Target.StartsWith("nosuch", StringComparison.Ordinal) || !MightBeValidActuatorCommand(c.Payload))
            {
                return c;
            }
        }
    }

    private BadCommand Make(string kind)
    {
        string target = _random.Next(2) == 0 ? "relay1" : "led";
        switch (kind)
        {
            case "oversized":
                int n = _random.Next(257, 2049);
                string body = _random.Next(2) == 0 ? "{\"value\":\"" + Ascii(n) + "\"}" : Ascii(n);
                return new BadCommand(target, Encoding.UTF8.GetBytes(body), kind);
            case "malformed_json":
                string m = Malformed[_random.Next(Malformed.Length)];
                return new BadCommand(target, Encoding.UTF8.GetBytes(_random.Next(3) == 0 ? m + Ascii(_random.Next(1, 20)) : m), kind);
            case "wrong_type":
                return new BadCommand(target, Encoding.UTF8.GetBytes(WrongType[_random.Next(WrongType.Length)]), kind);
            case "invalid_utf8":
                byte[] text = Encoding.UTF8.GetBytes(Ascii(_random.Next(0, 40)));
                byte[][] broken = { new byte[] { 0xC0, 0xAF }, new byte[] { 0xFF }, new byte[] { 0x80 }, new byte[] { 0xE2, 0x82 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF5, 0x80, 0x80, 0x80 } };
                byte[] bad = broken[_random.Next(broken.Length)];
                int at = _random.Next(text.Length + 1);
                return new BadCommand(target, text.Take(at).Concat(bad).Concat(text.Skip(at)).ToArray(), kind);
            case "random_bytes":
                byte[] bytes = new byte[_random.Next(0, 300)];
                _random.NextBytes(bytes);
                return new BadCommand(target, bytes, kind);
            case "random_words":
                return new BadCommand(target, Encoding.UTF8.GetBytes(Ascii(_random.Next(1, 40))), kind);
            case "unknown_target":
                return new BadCommand("nosuch" + _random.Next(1000), Encoding.UTF8.GetBytes(_random.Next(2) == 0 ? "on" : "{\"id\":\"u" + _random.Next() + "\",\"value\":\"off\"}"), kind);
            default:
                string line = _random.Next(4) == 0 ? Letters(_random.Next(3, 11)) : DeviceCommands[_random.Next(DeviceCommands.Length)];
                return new BadCommand("device", Encoding.UTF8.GetBytes(line), kind);
        }
    }

    /// <summary>What the firmware's parser reads as a value an actuator could take.</summary>
    private bool MightBeValidActuatorCommand(byte[] payload)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        if (payload.Length > 256 || _parser.Parse(text.ToCharArray(), text.Length, _command) != null || _command.Value == null)
        {
            return false;
        }

        return ActuatorValue.TryParse(_command.Value, out _, out _);
    }

    private string Ascii(int length)
    {
        var s = new char[length];
        for (int i = 0; i < length; i++)
        {
            s[i] = (char)_random.Next(32, 127);
        }

        return new string(s);
    }

    /// <summary>A random word that is not one of the device commands (ping, diag, reboot, interval, qos).</summary>
    private string Letters(int length)
    {
        var s = new char[length];
        for (int i = 0; i < length; i++)
        {
            s[i] = (char)_random.Next('a', 'z' + 1);
        }

        string word = new string(s);
        return word is "ping" or "diag" or "reboot" or "interval" or "qos" ? word + "x" : word;
    }
}
