using NanoMqtt.Bench.Harness;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;

namespace NanoMqtt.Bench.Scenarios;

public sealed class StormOptions
{
    public int Devices = 1000;

    /// <summary>Broker down times between the kill and the start, one restart each; 0 restarts at once.</summary>
    public int[] DowntimesMs = { 3000, 20000, 60000 };

    /// <summary>How long to wait for the whole fleet after the restart: 1.3 windows is the goal, the rest is margin.</summary>
    public TimeSpan BackTimeout = TimeSpan.FromSeconds(90);

    public TimeSpan OnlineTimeout = TimeSpan.FromSeconds(180);
    public bool MqttJs = true;
    public int BackoffCapMs = 60000;
    public int BackoffBaseMs = 1000;

    /// <summary>The devices' [backoff] session_loss_spread: the window the fleet arrives over.</summary>
    public int SpreadMs = 15000;

    /// <summary>ESPHome's MQTT client retries every 5 s, fixed; modelled by mqtt.js with that reconnect period.</summary>
    public int EsphomeRetryMs = 5000;
}

public sealed record StormRow(string Fleet, int Clients, int PeakConnectsPerSecond, int PeakAttemptsPerSecond, int Back, double AllBackMs, double Downtime, bool Ours = false)
{
    public double PeakFraction => (double)PeakConnectsPerSecond / Clients;
}

public sealed class StormReport : ScenarioReport
{
    public List<StormRow> Rows { get; } = new List<StormRow>();
}

/// <summary>
/// Reconnect storm: a fleet connected through the counting proxy, then Mosquitto restarted (SIGTERM, start
/// again on the same port). The proxy counts TCP attempts, CONNECT packets that reach the broker, and
/// successful CONNACKs, each timestamped; peaks are the most in any sliding 1 s window. "All back" is from
/// the broker accepting again to the fleet's N-th successful CONNACK after the restart.
/// </summary>
public static class StormScenario
{
    public static async Task<StormReport> RunAsync(StormOptions o, string command, TextWriter log)
    {
        var report = new StormReport { Title = "Reconnect storm after a broker restart (" + o.Devices + " clients)", Command = command };
        FileLimit.RaiseTo(o.Devices * 4L + 1024);
        string nodeProblem = o.MqttJs ? NodePeer.EnsureInstalled(log) : "not requested";
        if (nodeProblem != null)
        {
            report.Notes.Add("mqtt.js and ESPHome-model fleets not run: " + nodeProblem);
        }

        foreach (int downtime in o.DowntimesMs)
        {
            report.Rows.Add(await RunFleetAsync(o, downtime, null, log).ConfigureAwait(false));
            if (nodeProblem == null)
            {
                report.Rows.Add(await RunFleetAsync(o, downtime, 0, log).ConfigureAwait(false));
                report.Rows.Add(await RunFleetAsync(o, downtime, o.EsphomeRetryMs, log).ConfigureAwait(false));
            }
        }

        var t = new Table("broker down for", "fleet", "clients", "peak CONNECT/s at the broker", "peak as % of fleet", "peak TCP attempts/s", "back", "all back after broker up", "in windows");
        double window = Math.Min(Math.Max(o.SpreadMs, o.BackoffBaseMs), o.BackoffCapMs);
        foreach (StormRow r in report.Rows)
        {
            t.Add(Stats.Ms(r.Downtime), r.Fleet, r.Clients, r.PeakConnectsPerSecond, Stats.F(100 * r.PeakFraction) + " %", r.PeakAttemptsPerSecond, r.Back + "/" + r.Clients, Stats.Ms(r.AllBackMs), Stats.F(r.AllBackMs / window, "0.00"));
        }

        report.Body = t.ToString();
        List<StormRow> ours = report.Rows.Where(r => r.Ours).ToList();
        StormRow peakRow = ours.OrderByDescending(r => r.PeakFraction).First();
        StormRow tailRow = ours.OrderByDescending(r => double.IsNaN(r.AllBackMs) ? double.MaxValue : r.AllBackMs).First();
        double bound = 1.3 * window;
        report.Goals.Add("peak <= 10 % of the fleet per second after any downtime: " + (peakRow.PeakFraction <= 0.10 ? "met" : "MISSED") + " (highest " + Stats.F(100 * peakRow.PeakFraction) + " %, down " + Stats.Ms(peakRow.Downtime) + ").");
        report.Goals.Add("all back within 1.3 windows (" + Stats.Ms(bound) + ") of the restart after any downtime: " + (ours.All(r => r.Back == r.Clients && r.AllBackMs <= bound) ? "met" : "MISSED") + " (slowest " + Stats.Ms(tailRow.AllBackMs) + ", down " + Stats.Ms(tailRow.Downtime) + ").");
        report.Notes.Add("NanoMqtt devices: FieldDevice over the MQTTnet link on one DeviceHost, telemetry every 10 s at QoS 1, backoff base " + Stats.Ms(o.BackoffBaseMs) + ", cap " + o.BackoffCapMs / 1000 + " s, session-loss spread (the window) " + Stats.Ms(window) + ". mqtt.js: " + o.Devices + " clients in one Node process, default reconnect (reconnectPeriod 1000 ms, fixed, no jitter). ESPHome model: the same mqtt.js peer with reconnectPeriod " + o.EsphomeRetryMs + " ms (ESPHome's MQTT client retries every 5 s, fixed, no jitter).");
        report.Notes.Add("Mosquitto is killed with -9 and started again on the same port after the downtime. While it is down the counting proxy does not listen either, so a connect is refused by the TCP stack as it would be without the proxy; \"peak TCP attempts/s\" counts only connections the proxy accepted.");
        return report;
    }

    /// <param name="reconnectMs">null: NanoMqtt devices; 0: mqtt.js with its default reconnect; else mqtt.js with this fixed reconnect period.</param>
    private static async Task<StormRow> RunFleetAsync(StormOptions o, int downtimeMs, int? reconnectMs, TextWriter log)
    {
        bool nodeFleet = reconnectMs.HasValue;
        string name = !nodeFleet ? "NanoMqtt devices (FieldDevice" + (o.BackoffBaseMs != 1000 ? ", backoff base " + Stats.Ms(o.BackoffBaseMs) : "") + ")"
            : reconnectMs.Value == 0 ? "mqtt.js 5.16, default reconnect (1 s)" : "ESPHome model: fixed " + Stats.Ms(reconnectMs.Value) + " retry";
        log?.WriteLine("storm: " + name + ", " + o.Devices + " clients, broker down " + downtimeMs + " ms");
        using MosquittoBroker broker = MosquittoBroker.Start(new MosquittoOptions { ExtraLines = { "max_connections -1" } });
        // A reconnect storm of thousands of clients must not overflow the accept queue.
        using var proxy = FaultProxy.Start(broker.Host, broker.Port, backlog: 4096);
        proxy.RefuseWhileUpstreamDown = true;
        SimFleet fleet = null;
        NodePeer js = null;
        try
        {
            if (nodeFleet)
            {
                js = NodePeer.Start(proxy.Host, proxy.Port, o.Devices, "peer/storm", 10000, reconnectMs.Value == 0 ? null : reconnectMs.Value);
                await js.WaitReadyAsync(o.OnlineTimeout).ConfigureAwait(false);
            }
            else
            {
                fleet = BenchDevices.NewFleet();
                var options = new BenchDeviceOptions { Interval = "10000ms", Qos = 1, BackoffCap = o.BackoffCapMs + "ms", BackoffBase = o.BackoffBaseMs + "ms", SessionLossSpread = o.SpreadMs + "ms" };
                for (int i = 0; i < o.Devices; i++)
                {
                    BenchDevices.Add(fleet, "storm" + (i + 1), proxy.Host, proxy.Port, options, 5000 + i);
                }

                fleet.Start();
                int online = await BenchDevices.WaitOnlineAsync(fleet.Devices, o.OnlineTimeout).ConfigureAwait(false);
                if (online < o.Devices)
                {
                    throw new InvalidOperationException("only " + online + " of " + o.Devices + " devices came online before the restart");
                }
            }

            await Task.Delay(1000).ConfigureAwait(false);
            long downAt = BenchClock.Ms;
            broker.Stop(kill: true);
            if (downtimeMs > 0)
            {
                await Task.Delay(downtimeMs).ConfigureAwait(false);
            }

            broker.Restart();
            long upAt = BenchClock.Ms;
            var deadline = DateTime.UtcNow + o.BackTimeout;
            while (DateTime.UtcNow < deadline && proxy.ConnAckTimes().Count(t => t >= downAt) < o.Devices)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }

            long[] acks = proxy.ConnAckTimes().Where(t => t >= downAt).OrderBy(t => t).ToArray();
            int back = Math.Min(acks.Length, o.Devices);
            double allBack = acks.Length >= o.Devices ? acks[o.Devices - 1] - upAt : double.NaN;
            long end = BenchClock.Ms + 1;
            return new StormRow(name, o.Devices,
                Stats.PeakPerWindow(proxy.ConnectTimes(), downAt, end),
                Stats.PeakPerWindow(proxy.AttemptTimes(), downAt, end),
                back, allBack, upAt - downAt, !nodeFleet);
        }
        finally
        {
            js?.Dispose();
            if (fleet != null)
            {
                await fleet.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
        }
    }
}
