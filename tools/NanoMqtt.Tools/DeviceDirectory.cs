using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace NanoMqtt.Tools;

/// <summary>What is known about one device from its status, diag and telemetry topics.</summary>
public sealed class DeviceInfo
{
    public string Id;
    public string Status;
    public DateTimeOffset? LastSeen;
    public string Firmware;
    public long? Rssi;
    public long? Heap;
    public long? Reconnects;
    public long? UptimeS;
    public long? Dropped;
    public readonly ConcurrentDictionary<string, string> Readings = new ConcurrentDictionary<string, string>();
}

/// <summary>
/// Builds the fleet's picture from the messages under {prefix}/+/...: status (retained, online/offline),
/// diag (retained JSON) and, for the live views, telemetry. Field names follow the core's diag; older
/// spellings are accepted too.
/// </summary>
public sealed class DeviceDirectory
{
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, DeviceInfo> _devices = new ConcurrentDictionary<string, DeviceInfo>(StringComparer.Ordinal);

    public DeviceDirectory(string prefix)
    {
        _prefix = prefix + "/";
    }

    public IReadOnlyList<DeviceInfo> Devices => _devices.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();

    public DeviceInfo Get(string id) => _devices.TryGetValue(id, out DeviceInfo d) ? d : null;

    /// <summary>Takes one message; returns false when it is not a device topic.</summary>
    public bool Observe(string topic, byte[] payload, bool retained)
    {
        if (!topic.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = topic[_prefix.Length..].Split('/');
        if (parts.Length < 2 || parts[0].Length == 0)
        {
            return false;
        }

        string text = Encoding.UTF8.GetString(payload);
        if (parts[1] == "status" && parts.Length == 2)
        {
            if (text.Length == 0)
            {
                return false; // a cleared retained status: not a device
            }

            DeviceInfo d = Device(parts[0]);
            d.Status = text.Trim();
            if (!retained)
            {
                d.LastSeen = DateTimeOffset.UtcNow;
            }

            return true;
        }

        if (parts[1] == "diag" && parts.Length == 2)
        {
            DeviceInfo d = Device(parts[0]);
            ReadDiag(d, text);
            if (!retained)
            {
                d.LastSeen = DateTimeOffset.UtcNow;
            }

            return true;
        }

        if (parts[1] == "telemetry" && parts.Length == 3)
        {
            DeviceInfo d = Device(parts[0]);
            d.Readings[parts[2]] = Telemetry.Describe(text);
            if (!retained)
            {
                d.LastSeen = DateTimeOffset.UtcNow;
            }

            return true;
        }

        return false;
    }

    private DeviceInfo Device(string id) => _devices.GetOrAdd(id, i => new DeviceInfo { Id = i });

    private static void ReadDiag(DeviceInfo d, string text)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            JsonElement r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            d.Firmware = String(r, "fw", "firmware", "version") ?? d.Firmware;
            d.Rssi = Number(r, "rssi") ?? d.Rssi;
            d.Heap = Number(r, "heap", "free_heap", "heap_free") ?? d.Heap;
            d.Reconnects = Number(r, "reconnects", "reconnect_count") ?? d.Reconnects;
            d.UptimeS = Number(r, "uptime_s", "uptime") ?? d.UptimeS;
            d.Dropped = Number(r, "dropped") ?? d.Dropped;
            long? t = Number(r, "t");
            if (t > 0)
            {
                DateTimeOffset at = DateTimeOffset.FromUnixTimeSeconds(t.Value);
                if (d.LastSeen == null || at > d.LastSeen)
                {
                    d.LastSeen = at;
                }
            }
        }
        catch (JsonException)
        {
            // A diag that is not JSON says nothing we can show.
        }
    }

    private static string String(JsonElement r, params string[] names)
    {
        foreach (string n in names)
        {
            if (r.TryGetProperty(n, out JsonElement v) && v.ValueKind != JsonValueKind.Null)
            {
                return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
            }
        }

        return null;
    }

    private static long? Number(JsonElement r, params string[] names)
    {
        foreach (string n in names)
        {
            if (r.TryGetProperty(n, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long x))
            {
                return x;
            }
        }

        return null;
    }
}

/// <summary>
/// Reading telemetry payloads: {"v":21.37,"seq":42,"t":1764070000} from a one-quantity sensor or an input,
/// {"temperature":21.37,"humidity":45.3,...,"seq":42,"t":...} from a sensor with several. Older firmware
/// also sent a unit ("u"), still shown when present.
/// </summary>
public static class Telemetry
{
    public static bool TryRead(string text, out string value, out string unit, out long? seq, out long? t)
    {
        value = null;
        unit = null;
        seq = null;
        t = null;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            JsonElement r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (r.TryGetProperty("v", out JsonElement v))
            {
                value = v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
            }
            else
            {
                // Several quantities: "temperature 21.37  humidity 45.3 ...", in the message's order.
                var parts = r.EnumerateObject().Where(p => p.Name != "seq" && p.Name != "t" && p.Value.ValueKind == JsonValueKind.Number)
                    .Select(p => p.Name + " " + p.Value.GetRawText()).ToArray();
                value = parts.Length > 0 ? string.Join("  ", parts) : null;
            }

            if (r.TryGetProperty("u", out JsonElement u) && u.ValueKind == JsonValueKind.String)
            {
                unit = u.GetString();
            }

            if (r.TryGetProperty("seq", out JsonElement s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out long sv))
            {
                seq = sv;
            }

            if (r.TryGetProperty("t", out JsonElement tt) && tt.ValueKind == JsonValueKind.Number && tt.TryGetInt64(out long tv))
            {
                t = tv;
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static string Describe(string text)
    {
        return TryRead(text, out string value, out string unit, out _, out _) && value != null
            ? value + (string.IsNullOrEmpty(unit) ? "" : " " + unit)
            : text.Length > 24 ? text[..24] + "…" : text;
    }
}
