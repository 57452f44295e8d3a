using NanoMqtt.Bench.Harness;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;

namespace NanoMqtt.Bench.Scenarios;

public sealed class ScaleOptions
{
    public int Target = 10000;

    /// <summary>Devices added per ramp step; each step must be all online before the next.</summary>
    public int Step = 1000;

    public int IntervalMs = 10000;
    public int Qos = 1;
    public TimeSpan StepTimeout = TimeSpan.FromSeconds(120);
    public TimeSpan Settle = TimeSpan.FromSeconds(20);
    public TimeSpan Measure = TimeSpan.FromSeconds(60);
    public int Threads;

    /// <summary>Run the fleet as a child `nanomqtt simulate` process (the CLI's own fleet) instead of in this process.</summary>
    public bool SimulateProcess;
}

public sealed class ScaleReport : ScenarioReport
{
    public int Held { get; set; }
    public int Target { get; set; }
    public double RssPerDeviceKiB { get; set; }
    public double ManagedPerDeviceKiB { get; set; }
    public double CpuPercentOfOneCore { get; set; }
    public double MessagesPerSecond { get; set; }
    public double ExpectedPerSecond { get; set; }
    public long SoftLimit { get; set; }
    public long HardLimit { get; set; }
}

/// <summary>
/// How many simulated devices one process holds against a local Mosquitto at one message per device every
/// 10 s: FieldDevices on the DeviceHost that `nanomqtt simulate` uses, ramped in steps until the target or
/// until a step does not come online. Then, in steady state: resident memory and managed heap per device
/// (above the process's own baseline), CPU of this process and of Mosquitto, and the message rate the
/// subscriber sees against the expected one.
/// </summary>
public static class ScaleScenario
{
    public static async Task<ScaleReport> RunAsync(ScaleOptions o, string command, TextWriter log)
    {
        if (o.SimulateProcess)
        {
            return await RunSimulateAsync(o, command, log).ConfigureAwait(false);
        }

        var report = new ScaleReport { Title = "Fleet scale in one process (" + o.Target + " devices wanted)", Command = command, Target = o.Target };
        (long soft0, long hard) = FileLimit.Get();
        long needed = o.Target + 1024L; // one socket per device here and one in Mosquitto, which has its own table
        long soft = FileLimit.RaiseTo(needed);
        report.SoftLimit = soft;
        report.HardLimit = hard;
        int target = o.Target;
        if (soft >= 0 && soft < needed)
        {
            target = (int)Math.Max(1, soft - 1024);
            report.Notes.Add("open-file limit: `ulimit -n` is " + soft0 + " (hard " + hard + "), too low for " + o.Target + " devices; ran " + target + ". To raise it: " + FileLimit.HowToRaise);
        }
        else
        {
            report.Notes.Add("open-file limit: `ulimit -n` was " + soft0 + " (hard " + hard + "); the runner raised the soft limit to " + soft + ". " + FileLimit.HowToRaise);
        }

        using MosquittoBroker broker = MosquittoBroker.Start(new MosquittoOptions { ExtraLines = { "max_connections -1" } });
        int mosquittoPid = ProcStat.FindByCommandLine(broker.ConfigFile);
        await using Subscriber sub = await Subscriber.ConnectAsync(broker.Host, broker.Port, "nanomqtt/+/telemetry/#", record: false).ConfigureAwait(false);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long rss0 = ProcStat.RssBytes(ProcStat.Self);
        long heap0 = GC.GetTotalMemory(true);

        SimFleet fleet = BenchDevices.NewFleet(o.Threads);
        fleet.Start();
        var options = new BenchDeviceOptions { Interval = o.IntervalMs + "ms", Qos = o.Qos };
        var steps = new Table("devices", "online", "ramp step took", "host max lag", "RSS", "note");
        int held = 0;
        try
        {
            for (int added = 0; added < target;)
            {
                int n = Math.Min(o.Step, target - added);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                for (int i = 0; i < n; i++)
                {
                    BenchDevices.Add(fleet, "s" + (added + i + 1), broker.Host, broker.Port, options, 9000 + added + i);
                }

                added += n;
                int online = await BenchDevices.WaitOnlineAsync(fleet.Devices, o.StepTimeout).ConfigureAwait(false);
                steps.Add(added, online, Stats.Ms(watch.ElapsedMilliseconds), Stats.Ms(fleet.Host.MaxLagMs), Stats.F(ProcStat.RssBytes(ProcStat.Self) / 1048576.0, "0") + " MiB", online < added ? "not all online within " + o.StepTimeout.TotalSeconds + " s: ramp stopped" : "");
                log?.WriteLine("scale: " + online + "/" + added + " online");
                held = online;
                if (online < added)
                {
                    break;
                }
            }

            await Task.Delay(o.Settle).ConfigureAwait(false);
            long lag0 = fleet.Host.MaxLagMs;
            Window w = await Window.MeasureAsync(ProcStat.Self, mosquittoPid, sub, o.Measure).ConfigureAwait(false);
            int onlineNow = fleet.Devices.Count(BenchDevices.IsOnline);
            long rss = ProcStat.RssBytes(ProcStat.Self);
            long heap = GC.GetTotalMemory(true);
            long mrss = ProcStat.RssBytes(mosquittoPid);
            int devices = fleet.Devices.Count;

            report.Held = Math.Min(held, onlineNow);
            report.RssPerDeviceKiB = (rss - rss0) / 1024.0 / devices;
            report.ManagedPerDeviceKiB = (heap - heap0) / 1024.0 / devices;
            report.CpuPercentOfOneCore = w.CpuPercent;
            report.MessagesPerSecond = w.MessagesPerSecond;
            report.ExpectedPerSecond = onlineNow * 1000.0 / o.IntervalMs;

            var t = new Table("devices online", "msgs/s at subscriber (expected)", "RSS per device", "managed heap per device", "CPU of this process", "Mosquitto CPU", "Mosquitto RSS", "host threads", "host max lag");
            t.Add(onlineNow + "/" + devices, Stats.F(report.MessagesPerSecond) + " (" + Stats.F(report.ExpectedPerSecond) + ")",
                Stats.F(report.RssPerDeviceKiB) + " KiB", Stats.F(report.ManagedPerDeviceKiB) + " KiB",
                Stats.F(report.CpuPercentOfOneCore) + " % of a core (" + Stats.F(report.CpuPercentOfOneCore / Environment.ProcessorCount) + " % of " + Environment.ProcessorCount + ")",
                w.MosquittoCpu,
                mrss < 0 ? "n/a" : Stats.F(mrss / 1048576.0, "0") + " MiB", fleet.Host.Threads, Stats.Ms(fleet.Host.MaxLagMs) + (fleet.Host.MaxLagMs > lag0 ? " (grew while measuring)" : ""));
            report.Body = "Ramp:\n\n" + steps + "\nSteady state over " + Stats.F(w.Seconds, "0") + " s (after " + o.Settle.TotalSeconds + " s to settle):\n\n" + t;
            report.Goals.Add(o.Target + " devices in one process: " + (report.Held >= o.Target ? "met" : "MISSED") + " (" + report.Held + " held).");
            report.Notes.Add("Each device: FieldDevice with one BH1750 (\"light\"), telemetry every " + o.IntervalMs / 1000 + " s at QoS " + o.Qos + ", diag every hour, MQTT 3.1.1 keepalive 30 s, its own MQTTnet client and TCP connection; stepped by DeviceHost on " + fleet.Host.Threads + " threads.");
            report.Notes.Add("RSS and heap per device are above this process's baseline before the first device (" + Stats.F(rss0 / 1048576.0, "0") + " MiB RSS); they include MQTTnet's per-client buffers and tasks, which dominate.");
            return report;
        }
        finally
        {
            await fleet.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The issue's own wording: one `nanomqtt simulate` process. Its devices carry the simulator's standard
    /// board (BME280, SHT31, BH1750: 6 telemetry streams, a door input, 2 actuators, diag every 60 s), so
    /// the sensor interval is 6 x 10 s = 60 s to keep one telemetry message per device every 10 s on average.
    /// Measured from outside: the child's RSS and CPU from /proc, and the distinct devices and message
    /// rate a subscriber sees.
    /// </summary>
    private static async Task<ScaleReport> RunSimulateAsync(ScaleOptions o, string command, TextWriter log)
    {
        var report = new ScaleReport { Title = "Fleet scale in one `nanomqtt simulate` process (" + o.Target + " devices wanted)", Command = command, Target = o.Target };
        (long soft0, long hard) = FileLimit.Get();
        long soft = FileLimit.RaiseTo(o.Target + 1024L);
        report.SoftLimit = soft;
        report.HardLimit = hard;
        report.Notes.Add("open-file limit: `ulimit -n` was " + soft0 + " (hard " + hard + "); raised to " + soft + " for this runner, Mosquitto and the simulate process, which inherit it. " + FileLimit.HowToRaise);

        string outDir = Path.Combine(Path.GetTempPath(), "nanomqtt-bench-cli-" + Guid.NewGuid().ToString("N")[..8]);
        log?.WriteLine("scale: building tools/NanoMqtt.Tools (Release)");
        string built = ProcStat.Run("dotnet", "build", Path.Combine(RepoPaths.Root, "tools", "NanoMqtt.Tools", "NanoMqtt.Tools.csproj"), "-c", "Release", "--nologo", "-v", "q", "-p:OutDir=" + outDir + Path.DirectorySeparatorChar);
        string cli = Path.Combine(outDir, "nanomqtt.dll");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException("could not build nanomqtt: " + built);
        }

        // 6 streams per sample: a sample every 6 x the wanted per-device message interval.
        int sensorIntervalSeconds = Math.Max(1, o.IntervalMs * 6 / 1000);
        using MosquittoBroker broker = MosquittoBroker.Start(new MosquittoOptions { ExtraLines = { "max_connections -1" } });
        int mosquittoPid = ProcStat.FindByCommandLine(broker.ConfigFile);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        await using Subscriber sub = await Subscriber.ConnectAsync(broker.Host, broker.Port, "nanomqtt/+/telemetry/#", record: false).ConfigureAwait(false);
        sub.Received = (topic, ms) => seen[topic.Split('/')[1]] = ms;

        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        long durationS = (long)(o.StepTimeout + o.Settle + o.Measure).TotalSeconds + 30;
        foreach (string a in new[] { cli, "simulate", "--devices", o.Target.ToString(), "--interval", sensorIntervalSeconds + "s", "--qos", o.Qos.ToString(),
            "--broker", broker.Host + ":" + broker.Port, "--duration", durationS + "s", "--json" })
        {
            psi.ArgumentList.Add(a);
        }

        if (o.Threads > 0)
        {
            psi.ArgumentList.Add("--threads");
            psi.ArgumentList.Add(o.Threads.ToString());
        }

        using var child = System.Diagnostics.Process.Start(psi);
        child.OutputDataReceived += (_, _) => { };
        child.ErrorDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        try
        {
            // Every device samples at boot, so each is heard from within its ramp.
            var ramp = System.Diagnostics.Stopwatch.StartNew();
            while (seen.Count < o.Target && ramp.Elapsed < o.StepTimeout && !child.HasExited)
            {
                await Task.Delay(200).ConfigureAwait(false);
            }

            int heard = seen.Count;
            log?.WriteLine("scale: " + heard + "/" + o.Target + " devices heard from after " + Stats.Ms(ramp.ElapsedMilliseconds));
            await Task.Delay(o.Settle).ConfigureAwait(false);
            long windowStart = BenchClock.Ms;
            Window w = await Window.MeasureAsync(child.Id, mosquittoPid, sub, o.Measure).ConfigureAwait(false);
            long rss = ProcStat.RssBytes(child.Id);
            long mrss = ProcStat.RssBytes(mosquittoPid);
            int alive = seen.Values.Count(ms => ms >= windowStart);

            report.Held = child.HasExited ? 0 : heard;
            report.RssPerDeviceKiB = rss / 1024.0 / o.Target;
            report.ManagedPerDeviceKiB = double.NaN;
            report.CpuPercentOfOneCore = w.CpuPercent;
            report.MessagesPerSecond = w.MessagesPerSecond;
            report.ExpectedPerSecond = alive * 6.0 / sensorIntervalSeconds;
            var t = new Table("devices heard from (ramp / in the window)", "telemetry msgs/s at subscriber (expected)", "simulate RSS (per device, baseline included)", "simulate CPU", "Mosquitto CPU", "Mosquitto RSS");
            t.Add(heard + " / " + alive, Stats.F(report.MessagesPerSecond) + " (" + Stats.F(report.ExpectedPerSecond) + ")",
                Stats.F(rss / 1048576.0, "0") + " MiB (" + Stats.F(report.RssPerDeviceKiB) + " KiB)",
                Stats.F(report.CpuPercentOfOneCore) + " % of a core (" + Stats.F(report.CpuPercentOfOneCore / Environment.ProcessorCount) + " % of " + Environment.ProcessorCount + ")",
                w.MosquittoCpu, mrss < 0 ? "n/a" : Stats.F(mrss / 1048576.0, "0") + " MiB");
            report.Body = "Steady state over " + Stats.F(w.Seconds, "0") + " s (after " + o.Settle.TotalSeconds + " s to settle):\n\n" + t;
            report.Goals.Add(o.Target + " devices in one `nanomqtt simulate` process: " + (report.Held >= o.Target ? "met" : "MISSED") + " (" + report.Held + " held).");
            report.Notes.Add("`nanomqtt simulate --devices " + o.Target + " --interval " + sensorIntervalSeconds + "s --qos " + o.Qos + "`: each device runs FieldDevice with the simulator's standard board (6 telemetry streams, a door input, 2 actuators) and diag every 60 s, so one telemetry message per device every " + o.IntervalMs / 1000 + " s on average, in bursts of 6.");
            return report;
        }
        finally
        {
            ChildProcess.Kill(child, 5000);

            try
            {
                Directory.Delete(outDir, true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// One measuring window of the steady state: the CPU time of the fleet's process and of Mosquitto, and
    /// the messages the subscriber counted, from its start to its end.
    /// </summary>
    private sealed record Window(double Seconds, long CpuMs, long MosquittoCpuMs0, long MosquittoCpuMs1, long Messages)
    {
        public static async Task<Window> MeasureAsync(int pid, int mosquittoPid, Subscriber sub, TimeSpan measure)
        {
            long cpu0 = ProcStat.CpuMs(pid);
            long mcpu0 = ProcStat.CpuMs(mosquittoPid);
            long msgs0 = sub.Count;
            var window = System.Diagnostics.Stopwatch.StartNew();
            await Task.Delay(measure).ConfigureAwait(false);
            double seconds = window.Elapsed.TotalSeconds;
            return new Window(seconds, ProcStat.CpuMs(pid) - cpu0, mcpu0, ProcStat.CpuMs(mosquittoPid), sub.Count - msgs0);
        }

        public double CpuPercent => CpuMs / (Seconds * 10.0);

        public double MessagesPerSecond => Messages / Seconds;

        /// <summary>Mosquitto's CPU in the window, "n/a" where /proc does not show it.</summary>
        public string MosquittoCpu => MosquittoCpuMs0 < 0 ? "n/a" : Stats.F((MosquittoCpuMs1 - MosquittoCpuMs0) / (Seconds * 10.0)) + " % of a core";
    }
}
