using NanoMqtt.Bench.Harness;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;

namespace NanoMqtt.Bench.Scenarios;

public sealed class StormOptions
{
    public int Devices = 1000;

    /// <summary>Broker down time between stop and start; 0 restarts at once (Mosquitto takes ~tens of ms).</summary>
    public int DowntimeMs;

    /// <summary>How long to wait for the whole fleet after the restart: backoff cap (60 s) + link-up jitter + margin.</summary>
    public TimeSpan BackTimeout = TimeSpan.FromSeconds(90);

    public TimeSpan OnlineTimeout = TimeSpan.FromSeconds(180);
    public bool MqttJs = true;
    public int BackoffCapMs = 60000;
    public int BackoffBaseMs = 1000;
}

public sealed record StormRow(string Fleet, int Clients, int PeakConnectsPerSecond, int PeakAttemptsPerSecond, int Back, double AllBackMs, double Downtime)
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
        report.Rows.Add(await RunFleetAsync(o, nodeFleet: false, log).ConfigureAwait(false));
        string nodeProblem = o.MqttJs ? NodePeer.EnsureInstalled(log) : "not requested";
        if (nodeProblem == null)
        {
            report.Rows.Add(await RunFleetAsync(o, nodeFleet: true, log).ConfigureAwait(false));
        }
        else
        {
            report.Notes.Add("mqtt.js fleet not run: " + nodeProblem);
        }

        var t = new Table("fleet", "clients", "peak CONNECT/s at the broker", "peak as % of fleet", "peak TCP attempts/s", "back", "all back after broker up", "broker down for");
        foreach (StormRow r in report.Rows)
        {
            t.Add(r.Fleet, r.Clients, r.PeakConnectsPerSecond, Stats.F(100 * r.PeakFraction) + " %", r.PeakAttemptsPerSecond, r.Back + "/" + r.Clients, Stats.Ms(r.AllBackMs), Stats.Ms(r.Downtime));
        }

        report.Body = t.ToString();
        StormRow ours = report.Rows[0];
        double capPlusJitter = o.BackoffCapMs + 500;
        report.Goals.Add("peak <= 10 % of the fleet per second: " + (ours.PeakFraction <= 0.10 ? "met" : "MISSED") + " (" + Stats.F(100 * ours.PeakFraction) + " %).");
        report.Goals.Add("all back within cap + jitter (" + Stats.Ms(capPlusJitter) + "): " + (ours.Back == ours.Clients && ours.AllBackMs <= capPlusJitter ? "met" : "MISSED") + " (" + Stats.Ms(ours.AllBackMs) + ").");
        report.Notes.Add("NanoMqtt devices: FieldDevice over the MQTTnet link on one DeviceHost, telemetry every 10 s at QoS 1, backoff base " + Stats.Ms(o.BackoffBaseMs) + ", cap " + o.BackoffCapMs / 1000 + " s, full jitter. mqtt.js: " + o.Devices + " clients in one Node process, default reconnect (reconnectPeriod 1000 ms, fixed, no jitter).");
        return report;
    }

    private static async Task<StormRow> RunFleetAsync(StormOptions o, bool nodeFleet, TextWriter log)
    {
        string name = nodeFleet ? "mqtt.js 5.16, default reconnect" : "NanoMqtt devices (FieldDevice" + (o.BackoffBaseMs != 1000 ? ", backoff base " + Stats.Ms(o.BackoffBaseMs) : "") + ")";
        log?.WriteLine("storm: " + name + ", " + o.Devices + " clients");
        using MosquittoBroker broker = MosquittoBroker.Start(new MosquittoOptions { ExtraLines = { "max_connections -1" } });
        // A reconnect storm of thousands of clients must not overflow the accept queue.
        using var proxy = FaultProxy.Start(broker.Host, broker.Port, backlog: 4096);
        SimFleet fleet = null;
        NodePeer js = null;
        try
        {
            if (nodeFleet)
            {
                js = NodePeer.Start(proxy.Host, proxy.Port, o.Devices, "peer/storm", 10000);
                await js.WaitReadyAsync(o.OnlineTimeout).ConfigureAwait(false);
            }
            else
            {
                fleet = BenchDevices.NewFleet();
                var options = new BenchDeviceOptions { IntervalMs = 10000, Qos = 1, BackoffCapMs = o.BackoffCapMs, BackoffBaseMs = o.BackoffBaseMs };
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
            broker.Stop();
            if (o.DowntimeMs > 0)
            {
                await Task.Delay(o.DowntimeMs).ConfigureAwait(false);
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
                back, allBack, upAt - downAt);
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
