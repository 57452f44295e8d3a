using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using Spectre.Console;

namespace NanoMqtt.Tools.Commands;

/// <summary>`nanomqtt devices`: every device that left a status or diag on the broker.</summary>
public static class DevicesCommand
{
    public static Command Create(CliEnv env, CommonOptions common)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table" };
        var wait = new Option<TimeSpan>("--wait", "-w") { Description = "How long to collect retained status and diag messages", DefaultValueFactory = _ => TimeSpan.FromSeconds(2), CustomParser = Durations.Parse };
        var cmd = new Command("devices", "List the devices seen on {prefix}/+/status and diag: online or offline, last seen, firmware, RSSI, heap, reconnects.")
        {
            json, wait
        };

        cmd.SetAction(async (parse, ct) =>
        {
            BrokerSettings s = common.Resolve(parse);
            var directory = new DeviceDirectory(s.Prefix);
            using IMqttClient client = await MqttConnect.ConnectAsync(s, "nanomqtt-devices", ct).ConfigureAwait(false);
            var quiet = new QuietPeriod();
            client.ApplicationMessageReceivedAsync += e =>
            {
                if (directory.Observe(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain))
                {
                    quiet.Touch();
                }

                return Task.CompletedTask;
            };
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(s.Prefix + "/+/status").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .WithTopicFilter(f => f.WithTopic(s.Prefix + "/+/diag").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .Build(), ct).ConfigureAwait(false);

            // Retained messages come right after SUBACK: stop once they have stopped coming.
            await quiet.WaitAsync(TimeSpan.FromMilliseconds(300), parse.GetValue(wait), ct).ConfigureAwait(false);
            await client.DisconnectAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);

            IReadOnlyList<DeviceInfo> devices = directory.Devices;
            if (parse.GetValue(json))
            {
                env.Out.WriteLine(ToJson(devices));
                return ExitCodes.Ok;
            }

            if (devices.Count == 0)
            {
                env.Out.WriteLine("No devices under " + s.Prefix + "/ on " + s.Endpoint + ".");
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumns("device", "status", "last seen", "firmware", "RSSI", "heap", "reconnects");
            foreach (DeviceInfo d in devices)
            {
                string status = d.Status == "online" ? "[green]online[/]" : d.Status == "offline" ? "[red]offline[/]" : Markup.Escape(d.Status ?? "?");
                table.AddRow(Markup.Escape(d.Id), status, Ago(d.LastSeen), Markup.Escape(d.Firmware ?? "-"),
                    d.Rssi?.ToString() + (d.Rssi != null ? " dBm" : "-"), d.Heap != null ? (d.Heap / 1024) + " KB" : "-", d.Reconnects?.ToString() ?? "-");
            }

            env.Console.Write(table);
            int online = devices.Count(d => d.Status == "online");
            env.Out.WriteLine(devices.Count + " device(s), " + online + " online.");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    public static string ToJson(IReadOnlyList<DeviceInfo> devices)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (DeviceInfo d in devices)
            {
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteString("status", d.Status);
                WriteNullable(w, "last_seen", d.LastSeen?.ToUnixTimeSeconds());
                w.WriteString("firmware", d.Firmware);
                WriteNullable(w, "rssi", d.Rssi);
                WriteNullable(w, "heap", d.Heap);
                WriteNullable(w, "reconnects", d.Reconnects);
                WriteNullable(w, "uptime_s", d.UptimeS);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value.HasValue)
        {
            w.WriteNumber(name, value.Value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static string Ago(DateTimeOffset? at)
    {
        if (at == null)
        {
            return "-";
        }

        TimeSpan ago = DateTimeOffset.UtcNow - at.Value;
        if (ago < TimeSpan.FromSeconds(2))
        {
            return "now";
        }

        return ago.TotalSeconds < 120 ? (int)ago.TotalSeconds + " s ago"
            : ago.TotalMinutes < 120 ? (int)ago.TotalMinutes + " min ago"
            : ago.TotalHours < 48 ? (int)ago.TotalHours + " h ago"
            : at.Value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Completes when no message arrived for a quiet period, or at the limit.</summary>
public sealed class QuietPeriod
{
    private long _lastTicks = Environment.TickCount64;

    public void Touch() => Interlocked.Exchange(ref _lastTicks, Environment.TickCount64);

    public async Task WaitAsync(TimeSpan quiet, TimeSpan limit, CancellationToken ct)
    {
        long end = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        Touch();
        while (true)
        {
            long now = Environment.TickCount64;
            long quietUntil = Interlocked.Read(ref _lastTicks) + (long)quiet.TotalMilliseconds;
            long next = Math.Min(quietUntil, end);
            if (now >= next)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(next - now, 100)), ct).ConfigureAwait(false);
        }
    }
}
