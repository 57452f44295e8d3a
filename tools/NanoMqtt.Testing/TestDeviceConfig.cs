using System.Text;

namespace NanoMqtt.Testing;

/// <summary>
/// The nf.config (and nf.secrets) text of a test device, in the repository's format, so the firmware's own
/// parser reads it as on the board. A setting left null is not written: the firmware's default applies.
/// Durations are written as nf.config spells them ("500ms", "2s").
/// </summary>
public class TestDeviceConfig
{
    public string Prefix = "nanomqtt";

    /// <summary>The one broker, unless <see cref="Brokers"/> is set.</summary>
    public string Host = "127.0.0.1";
    public int Port = 1883;

    /// <summary>host:port of each broker, in the device's order of preference.</summary>
    public string[] Brokers;

    /// <summary>3 (MQTT 3.1.1) or 5.</summary>
    public int? Protocol;
    public bool? Tls;
    public string User;
    public string Password;
    public string ClientId;
    public string KeepAlive;
    public string ConnectTimeout;

    public string BackoffBase;
    public string BackoffCap;
    public int? BackoffMultiplier;
    public string BackoffStable;
    public string SessionLossSpread;

    /// <summary>[watchdog] offline_reboot ("0" = never).</summary>
    public string OfflineReboot;

    public int? OutboxMessages;
    public int? OutboxBytes;
    public string OutboxExpiry;
    public string DiagInterval;
    public int? MaxCommandPayload;

    /// <summary>Name of the one sensor (the stream's topic level); null for a device without sensors.</summary>
    public string Sensor;

    /// <summary>bh1750 (one value), bme280 (three quantities in one message) or sht3x, at its usual address.</summary>
    public string SensorType = "bh1750";
    public string Interval;
    public int? Qos;

    /// <summary>Whole sections added at the end (actuators, inputs).</summary>
    public string Extra = "";

    public TestDeviceConfig Clone() => (TestDeviceConfig)MemberwiseClone();

    public string Text(string deviceId)
    {
        var s = new StringBuilder();
        Section(s, "device", ("id", deviceId), ("prefix", Prefix));
        Section(s, "mqtt", ("brokers", Brokers != null ? string.Join(", ", Brokers) : Host + ":" + Port),
            ("protocol", Protocol == null ? null : Protocol == 5 ? "5" : "3.1.1"), ("tls", Tls == null ? null : Tls.Value ? "true" : "false"),
            ("user", User), ("client_id", ClientId), ("keepalive", KeepAlive), ("connect_timeout", ConnectTimeout));
        Section(s, "backoff", ("base", BackoffBase), ("cap", BackoffCap), ("multiplier", BackoffMultiplier?.ToString()),
            ("stable", BackoffStable), ("session_loss_spread", SessionLossSpread));
        Section(s, "watchdog", ("offline_reboot", OfflineReboot));
        Section(s, "outbox", ("max_messages", OutboxMessages?.ToString()), ("max_bytes", OutboxBytes?.ToString()), ("expiry", OutboxExpiry));
        Section(s, "diag", ("interval", DiagInterval));
        Section(s, "commands", ("max_payload", MaxCommandPayload?.ToString()));
        if (Sensor != null)
        {
            Section(s, "sensor." + Sensor, ("type", SensorType), ("address", AddressOf(SensorType)), ("interval", Interval), ("qos", Qos?.ToString()));
        }

        s.Append(Extra);
        return s.ToString();
    }

    public string Secrets() => Password == null ? "" : "[mqtt]\npassword = " + Password + "\n";

    private static string AddressOf(string type) => type switch
    {
        "bh1750" => "0x23",
        "bme280" => "0x76",
        "sht3x" => "0x44",
        _ => throw new ArgumentException("no usual address for sensor type " + type),
    };

    /// <summary>A section with the keys that are set; none set, no section.</summary>
    private static void Section(StringBuilder s, string name, params (string Key, string Value)[] keys)
    {
        if (keys.All(k => k.Value == null))
        {
            return;
        }

        s.Append('[').Append(name).Append("]\n");
        foreach ((string key, string value) in keys.Where(k => k.Value != null))
        {
            s.Append(key).Append(" = ").Append(value).Append('\n');
        }
    }
}
