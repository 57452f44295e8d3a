using NanoMqtt.Bench.Harness;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;

namespace NanoMqtt.Bench.Scenarios;

/// <summary>How the recovery scenario cuts the link (on its <see cref="FaultProxy"/>).</summary>
public enum CutMode
{
    /// <summary>
    /// The broker is unreachable and says so at once: every open connection is reset, and every new one is
    /// refused (the proxy stops listening: the TCP stack answers SYN with RST, as for a stopped broker). Clients fail fast.
    /// </summary>
    Refuse,

    /// <summary>
    /// Packets vanish (an access point gone, a cable pulled upstream): open connections stall, new ones are
    /// accepted but go nowhere. Nothing is reset; at restore the held bytes flow again, as TCP would
    /// retransmit them (<see cref="BlackholeMode.Hold"/>). Clients notice only through their own timeouts.
    /// </summary>
    Blackhole
}

public sealed class RecoveryOptions
{
    public int[] CutSeconds = { 5, 30, 120 };
    public CutMode[] Modes = { CutMode.Refuse, CutMode.Blackhole };

    /// <summary>Instances of each client kind under the same cut, for a median and a worst case (backoff is random).</summary>
    public int PerKind = 5;

    /// <summary>Every client publishes telemetry this often (QoS 1), so the first message after restore is not waiting for a sample.</summary>
    public int PublishIntervalMs = 1000;

    /// <summary>How long to wait after restore for every client's first telemetry: backoff cap (60 s) after a blackhole + jitter + a connect.</summary>
    public TimeSpan RecoverTimeout = TimeSpan.FromSeconds(75);

    public bool MqttJs = true;
    public bool MosquittoPub = true;
}

/// <summary>One client kind's recovery after one cut: ms from link restore to its first telemetry at the subscriber.</summary>
public sealed record RecoveryRow(string Kind, CutMode Mode, int CutSeconds, IReadOnlyList<double> RecoveryMs, int Clients, string Note)
{
    public int Recovered => RecoveryMs.Count;
    public double Median => Stats.Percentile(RecoveryMs, 50);
    public double Worst => RecoveryMs.Count == 0 ? double.NaN : RecoveryMs.Max();
}

public sealed class RecoveryReport : ScenarioReport
{
    public List<RecoveryRow> Rows { get; } = new List<RecoveryRow>();
}

/// <summary>
/// Recovery time after a link cut. A real Mosquitto, a <see cref="FaultProxy"/> between every
/// client and it, and a subscriber connected straight to the broker. Under one and the same cut:
/// <list type="bullet">
/// <item>NanoMqtt devices (FieldDevice over the MQTTnet link), "broker unreachable, Wi-Fi up": only the proxy cuts. The
/// device learns that the link is back only by its next attempt: refused ones come once per 15 s window, timed-out ones
/// back off exponentially to the 60 s cap.</item>
/// <item>NanoMqtt devices, "Wi-Fi down/up": the simulated network link also goes down for the cut and up at restore, as the
/// board's Wi-Fi link-up event does; the core then makes an early attempt within 0-500 ms.</item>
/// <item>mqtt.js (reconnectPeriod 1000 ms), MQTTnet with a plain 1 s reconnect loop, and mosquitto_pub -l.</item>
/// </list>
/// esp-mqtt (10 s fixed) and ESPHome (5 s fixed) are reference lines computed from their documented intervals.
/// </summary>
public static class RecoveryScenario
{
    private const string DevicePrefix = "nanomqtt";
    public const string KindBrokerCut = "NanoMqtt device, broker unreachable (Wi-Fi up)";
    public const string KindWifi = "NanoMqtt device, Wi-Fi down/up (link-up event)";
    public const string KindMqttJs = "mqtt.js 5.16, reconnectPeriod 1000 ms";
    public const string KindMqttnet = "MQTTnet 5.2, plain reconnect loop (1 s)";
    public const string KindMosPub = "mosquitto_pub -l (libmosquitto 2.0)";

    public static async Task<RecoveryReport> RunAsync(RecoveryOptions o, string command, TextWriter log)
    {
        var report = new RecoveryReport { Title = "Recovery time after a link cut", Command = command };
        string nodeProblem = o.MqttJs ? NodePeer.EnsureInstalled(log) : "not requested";
        bool mosPub = o.MosquittoPub && MosquittoPubPeer.Find() != null;
        foreach (CutMode mode in o.Modes)
        {
            foreach (int cut in o.CutSeconds)
            {
                log?.WriteLine("recovery: " + mode + " cut of " + cut + " s");
                report.Rows.AddRange(await RunOneAsync(o, mode, cut, nodeProblem == null, mosPub, log).ConfigureAwait(false));
            }
        }

        var t = new Table("client", "cut", "cut length", "recovered", "median after restore", "worst after restore", "note");
        foreach (RecoveryRow r in report.Rows)
        {
            t.Add(r.Kind, r.Mode == CutMode.Refuse ? "refuse (RST)" : "blackhole", r.CutSeconds + " s", r.Recovered + "/" + r.Clients,
                Stats.Ms(r.Median), Stats.Ms(r.Worst), r.Note ?? "");
        }

        foreach (int cut in o.CutSeconds)
        {
            t.Add("esp-mqtt reference (reconnect_timeout_ms 10 s, fixed)", "any", cut + " s", "-", "5.0 s (mean of U[0,10])", "10.0 s", "computed, not run");
            t.Add("ESPHome reference (reconnect every 5 s, fixed)", "any", cut + " s", "-", "2.50 s (mean of U[0,5])", "5.00 s", "computed, not run");
        }

        report.Body = t.ToString();
        Goal(report, KindWifi);
        BrokerCutGoal(report);
        if (nodeProblem != null)
        {
            report.Notes.Add("mqtt.js peer not run: " + nodeProblem);
        }

        if (!mosPub)
        {
            report.Notes.Add("mosquitto_pub peer not run: " + (o.MosquittoPub ? "mosquitto_pub is not installed" : "not requested"));
        }

        report.Notes.Add("Time is from the proxy's restore to the first telemetry of that client at a subscriber connected straight to the broker. " +
            "Every client publishes every " + o.PublishIntervalMs + " ms at QoS 1; the devices' outbox and mqtt.js queue what was taken offline, so their first message after reconnect leaves at once.");
        report.Notes.Add("refuse: the proxy resets open connections and stops listening, so every new one is refused by the TCP stack (fails fast, like a stopped broker). " +
            "blackhole: bytes stop both ways, nothing is reset, and held bytes flow on restore (TCP retransmission); a cut shorter than a client's keepalive (device 30 s, x1.5 to declare it dead) goes unnoticed.");
        return report;
    }

    private static void Goal(RecoveryReport report, string kind)
    {
        List<RecoveryRow> rows = report.Rows.Where(r => r.Kind == kind).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        bool met = rows.All(r => r.Recovered == r.Clients && r.Worst <= 1500);
        string worst = string.Join(", ", rows.Select(r => r.Mode.ToString().ToLowerInvariant() + " " + r.CutSeconds + " s: " + Stats.Ms(r.Worst)));
        report.Goals.Add("<= 1.5 s after link-up, " + kind + ": " + (met ? "met" : "MISSED") + " (worst: " + worst + ").");
    }

    /// <summary>Wi-Fi up, broker refusing: the device probes once per window, so half of the devices are back within half a window or so.</summary>
    private static void BrokerCutGoal(RecoveryReport report)
    {
        List<RecoveryRow> rows = report.Rows.Where(r => r.Kind == KindBrokerCut && r.Mode == CutMode.Refuse).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        bool met = rows.All(r => r.Recovered == r.Clients && r.Median <= 10_000);
        string medians = string.Join(", ", rows.Select(r => r.CutSeconds + " s: " + Stats.Ms(r.Median)));
        report.Goals.Add("median <= 10 s after the broker is reachable again, " + KindBrokerCut + ", refuse cut: " + (met ? "met" : "MISSED") + " (median: " + medians + ").");
    }

    private static async Task<List<RecoveryRow>> RunOneAsync(RecoveryOptions o, CutMode mode, int cutSeconds, bool mqttJs, bool mosPub, TextWriter log)
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var proxy = FaultProxy.Start(broker.Host, broker.Port);
        await using Subscriber sub = await Subscriber.ConnectAsync(broker.Host, broker.Port, "#").ConfigureAwait(false);
        await using SimFleet fleet = BenchDevices.NewFleet(1);
        var deviceOptions = new BenchDeviceOptions { Prefix = DevicePrefix, Interval = o.PublishIntervalMs + "ms", Qos = 1 };
        var brokerCut = new List<SimulatedDevice>();
        var wifi = new List<SimulatedDevice>();
        for (int i = 0; i < o.PerKind; i++)
        {
            brokerCut.Add(BenchDevices.Add(fleet, "cut" + (i + 1), proxy.Host, proxy.Port, deviceOptions, 1000 + i));
            wifi.Add(BenchDevices.Add(fleet, "wifi" + (i + 1), proxy.Host, proxy.Port, deviceOptions, 2000 + i));
        }

        fleet.Start();
        NodePeer js = mqttJs ? NodePeer.Start(proxy.Host, proxy.Port, o.PerKind, "peer/mqttjs", o.PublishIntervalMs, 1000) : null;
        var mqttnet = new List<MqttnetLoopPeer>();
        for (int i = 0; i < o.PerKind; i++)
        {
            mqttnet.Add(new MqttnetLoopPeer(proxy.Host, proxy.Port, "peer/mqttnet/n" + (i + 1) + "/telemetry", 1000));
        }

        MosquittoPubPeer pub = mosPub ? MosquittoPubPeer.Start(proxy.Host, proxy.Port, "peer/mospub/p1/telemetry", o.PublishIntervalMs) : null;
        try
        {
            // Each client is known by its topic's first two levels: nanomqtt/cut1, peer/mqttjs/js1 -> peer/mqttjs/js1...
            var kinds = new Dictionary<string, string>();
            foreach (SimulatedDevice d in brokerCut)
            {
                kinds[DevicePrefix + "/" + d.Id + "/telemetry"] = KindBrokerCut;
            }

            foreach (SimulatedDevice d in wifi)
            {
                kinds[DevicePrefix + "/" + d.Id + "/telemetry"] = KindWifi;
            }

            for (int i = 0; i < o.PerKind; i++)
            {
                if (js != null)
                {
                    kinds["peer/mqttjs/js" + (i + 1) + "/telemetry"] = KindMqttJs;
                }

                kinds["peer/mqttnet/n" + (i + 1) + "/telemetry"] = KindMqttnet;
            }

            if (pub != null)
            {
                kinds["peer/mospub/p1/telemetry"] = KindMosPub;
            }

            if (js != null)
            {
                await js.WaitReadyAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }

            // Steady: every client has been heard from.
            await WaitAsync(() => Heard(sub, kinds.Keys, 0).Count == kinds.Count, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            List<string> silent = kinds.Keys.Except(Heard(sub, kinds.Keys, 0).Keys).ToList();
            if (silent.Count > 0)
            {
                throw new InvalidOperationException("before the cut, no telemetry from: " + string.Join(", ", silent));
            }

            Dictionary<string, long> attemptsBefore = brokerCut.Concat(wifi).ToDictionary(d => d.Id, Attempts);
            if (mode == CutMode.Refuse)
            {
                proxy.RefuseNew = true;
                proxy.ResetAll();
            }
            else
            {
                proxy.StartBlackhole(BlackholeMode.Hold);
            }

            foreach (SimulatedDevice d in wifi)
            {
                d.Network.RejoinOnRequest = false;
                d.Network.IsUp = false;
            }

            await Task.Delay(TimeSpan.FromSeconds(cutSeconds)).ConfigureAwait(false);
            long restoredAt = BenchClock.Ms;
            proxy.RefuseNew = false;
            proxy.EndBlackhole();
            foreach (SimulatedDevice d in wifi)
            {
                d.Network.IsUp = true;
                d.Network.RejoinOnRequest = true;
            }

            await WaitAsync(() => Heard(sub, kinds.Keys, restoredAt).Count == kinds.Count, o.RecoverTimeout).ConfigureAwait(false);
            Dictionary<string, long> after = Heard(sub, kinds.Keys, restoredAt);
            double AttemptsOf(List<SimulatedDevice> kind) => kind.Average(d => Attempts(d) - attemptsBefore[d.Id]);

            var rows = new List<RecoveryRow>();
            foreach (IGrouping<string, string> kind in kinds.Keys.GroupBy(k => kinds[k]))
            {
                List<double> times = kind.Where(after.ContainsKey).Select(k => (double)(after[k] - restoredAt)).ToList();
                string note = null;
                if (kind.Key == KindBrokerCut || kind.Key == KindWifi)
                {
                    note = "connect attempts per device, cut to recovery: " + Stats.F(AttemptsOf(kind.Key == KindWifi ? wifi : brokerCut), "0.0");
                }
                else if (kind.Key == KindMosPub && pub != null && pub.HasExited)
                {
                    note = "mosquitto_pub exited during the cut";
                }

                rows.Add(new RecoveryRow(kind.Key, mode, cutSeconds, times, kind.Count(), note));
            }

            return rows;
        }
        finally
        {
            js?.Dispose();
            pub?.Dispose();
            foreach (MqttnetLoopPeer p in mqttnet)
            {
                await p.DisposeAsync().ConfigureAwait(false);
            }

            await fleet.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
    }

    private static long Attempts(SimulatedDevice d) => BenchDevices.CoreOf(d).Device.Supervisor.Stats.ConnectAttempts;

    /// <summary>Each client's first telemetry at or after fromMs: its topic stem (up to /telemetry) and the time.</summary>
    private static Dictionary<string, long> Heard(Subscriber sub, IEnumerable<string> stems, long fromMs)
    {
        var wanted = new HashSet<string>(stems);
        var first = new Dictionary<string, long>();
        foreach ((string topic, long ms) in sub.Log)
        {
            if (ms < fromMs)
            {
                continue;
            }

            int at = topic.IndexOf("/telemetry", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            string stem = topic[..(at + "/telemetry".Length)];
            if (wanted.Contains(stem) && !first.ContainsKey(stem))
            {
                first[stem] = ms;
            }
        }

        return first;
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
