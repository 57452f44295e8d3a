using System.Text;
using System.Text.Json;
using NanoMqtt.Simulation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NanoMqtt.Tools;

/// <summary>Building a simulated fleet from the CLI's options, and its tables and summaries.</summary>
public static class FleetViews
{
    public static SimFleet Build(BrokerSettings s, int count, string idPrefix, SimConfigOptions options, int threads, out List<(string Id, string Config, string Secrets, int Seed)> plan)
    {
        options.Prefix = s.Prefix;
        options.BrokerHost = s.Host;
        options.BrokerPort = s.Port;
        options.User = s.User;
        options.Password = s.Password;
        options.Tls = s.Tls;
        plan = new List<(string, string, string, int)>(count);
        for (int i = 1; i <= count; i++)
        {
            string id = idPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            plan.Add((id, SimConfig.Build(id, options), SimConfig.Secrets(options), 1000 + i));
        }

        return new SimFleet(DeviceCores.Default, threads);
    }

    public static MqttnetLinkOptions LinkOptions(BrokerSettings s) => new MqttnetLinkOptions { CaFile = s.CaFile };

    public static IRenderable Table(IReadOnlyList<SimulatedDevice> devices, int maxRows, string title)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .AddColumns("device", "state", "published", "acked", "dropped", "reconnects", "commands");
        foreach (SimulatedDevice d in devices.Take(maxRows))
        {
            DeviceCounters c = d.Counters;
            string state = d.BootError != null ? "[red]config error[/]" : c.Online ? "[green]online[/]" : c.Asleep ? "[blue]asleep[/]" : "[yellow]offline[/]";
            table.AddRow(Markup.Escape(d.Id), state, c.Published.ToString(), c.Acknowledged.ToString(), c.Dropped.ToString(), c.Reconnects.ToString(), c.CommandsApplied.ToString());
        }

        if (devices.Count > maxRows)
        {
            table.AddRow("…" + (devices.Count - maxRows) + " more", "", "", "", "", "", "");
        }

        Totals t = Sum(devices);
        table.AddRow("[bold]total[/]", "[bold]" + t.Online + "/" + devices.Count + " online" + (t.Asleep > 0 ? ", " + t.Asleep + " asleep" : "") + "[/]", t.Published.ToString(), t.Acknowledged.ToString(), t.Dropped.ToString(), t.Reconnects.ToString(), t.Commands.ToString());
        return table;
    }

    public sealed class Totals
    {
        public int Online;
        /// <summary>Battery-mode devices between two wakes: their status says `sleeping`, they are not offline.</summary>
        public int Asleep;
        public long Published;
        public long Acknowledged;
        public long Dropped;
        public long Reconnects;
        public long Commands;
    }

    public static Totals Sum(IReadOnlyList<SimulatedDevice> devices)
    {
        var t = new Totals();
        foreach (SimulatedDevice d in devices)
        {
            DeviceCounters c = d.Counters;
            t.Online += c.Online ? 1 : 0;
            t.Asleep += c.Asleep ? 1 : 0;
            t.Published += c.Published;
            t.Acknowledged += c.Acknowledged;
            t.Dropped += c.Dropped;
            t.Reconnects += c.Reconnects;
            t.Commands += c.CommandsApplied;
        }

        return t;
    }

    public static string StatusLine(IReadOnlyList<SimulatedDevice> devices, TimeSpan elapsed)
    {
        Totals t = Sum(devices);
        return ((int)elapsed.TotalSeconds) + " s: " + t.Online + "/" + devices.Count + " online, " + (t.Asleep > 0 ? t.Asleep + " asleep, " : "") + t.Published + " published, " + t.Acknowledged + " acked, " +
            t.Dropped + " dropped, " + t.Reconnects + " reconnects, " + t.Commands + " commands";
    }

    /// <summary>What a device is doing, as the views name it: online, offline, asleep (battery mode, between wakes) or config_error.</summary>
    public static string StateOf(SimulatedDevice d, DeviceCounters c)
    {
        return d.BootError != null ? "config_error" : c.Online ? "online" : c.Asleep ? "asleep" : "offline";
    }

    /// <summary>The --json summary: per device its state, boots, published, acknowledged, dropped, reconnects, commands applied.</summary>
    public static string SummaryJson(IReadOnlyList<SimulatedDevice> devices, TimeSpan elapsed, string broker, DeviceHost host, int onlineBeforeStop, int asleepBeforeStop = 0)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Totals t = Sum(devices);
            w.WriteStartObject();
            w.WriteString("core", DeviceCores.Name);
            w.WriteString("broker", broker);
            w.WriteNumber("duration_s", Math.Round(elapsed.TotalSeconds, 1));
            w.WriteNumber("host_threads", host.Threads);
            w.WriteNumber("host_max_lag_ms", host.MaxLagMs);
            w.WriteNumber("host_faults", host.Faults);
            w.WriteStartObject("totals");
            w.WriteNumber("devices", devices.Count);
            w.WriteNumber("online_before_stop", onlineBeforeStop);
            w.WriteNumber("asleep_before_stop", asleepBeforeStop);
            w.WriteNumber("asleep", t.Asleep);
            w.WriteNumber("published", t.Published);
            w.WriteNumber("acknowledged", t.Acknowledged);
            w.WriteNumber("dropped", t.Dropped);
            w.WriteNumber("reconnects", t.Reconnects);
            w.WriteNumber("commands_applied", t.Commands);
            w.WriteEndObject();
            w.WriteStartArray("devices");
            foreach (SimulatedDevice d in devices)
            {
                DeviceCounters c = d.Counters;
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteString("state", StateOf(d, c));
                w.WriteNumber("boots", d.Boots);
                w.WriteNumber("published", c.Published);
                w.WriteNumber("acknowledged", c.Acknowledged);
                w.WriteNumber("dropped", c.Dropped);
                w.WriteNumber("reconnects", c.Reconnects);
                w.WriteNumber("commands_applied", c.CommandsApplied);
                if (d.BootError != null)
                {
                    w.WriteString("config_error", d.BootError);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Runs until the duration passes or Ctrl+C; never throws on cancellation.</summary>
    public static async Task RunForAsync(TimeSpan? duration, CancellationToken ct, Func<Task> tick, TimeSpan every)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            while (!ct.IsCancellationRequested && (duration == null || started.Elapsed < duration.Value))
            {
                TimeSpan left = duration == null ? every : duration.Value - started.Elapsed;
                await Task.Delay(left < every ? (left < TimeSpan.Zero ? TimeSpan.Zero : left) : every, ct).ConfigureAwait(false);
                await tick().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
