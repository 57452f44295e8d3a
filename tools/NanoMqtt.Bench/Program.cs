using NanoMqtt.Bench.Harness;
using NanoMqtt.Bench.Scenarios;

namespace NanoMqtt.Bench;

/// <summary>
/// nanomqtt-bench: `dotnet run -c Release --project tools/NanoMqtt.Bench -- &lt;command&gt; [--tiny] [options]`.
/// Each command prints its figures as Markdown (command, machine, date, table, goals); --out FILE appends them.
/// </summary>
public static class Program
{
    private const string Usage = @"nanomqtt-bench <command> [--tiny] [--out FILE] [options]

commands:
  micro      core hot paths: BenchmarkDotNet + MemoryDiagnoser (--tiny: in-process allocation probe only).
             Arguments after -- go to BenchmarkDotNet (e.g. micro -- --filter *Outbox* --job short).
  size       size of the core as the board loads it: the .pe from nanoFramework's MetadataProcessor, and the IL.
  nanoclr    the virtual board on nanoCLR: hot paths in microseconds and the heap through a simulated day.
  reconnects the networked board on nanoCLR (real M2Mqtt, real Mosquitto) reconnected through proxy cuts:
             threads, open sockets and free heap after the first and the last (default 100; --tiny: 10).
             --reconnects N
  wire       bytes per telemetry PUBLISH: ours (real encoder) vs Tasmota and ESPHome. --no-measure skips the proxy check.
  recovery   link cut of 5/30/120 s (--tiny: 1 s) through a proxy to a real Mosquitto: devices and peers.
             --cuts 5,30,120  --mode refuse|blackhole|both  --per-kind 5  --no-mqttjs
  storm      broker kill -9 and restart under a fleet (default 1000; --tiny: 20), once per downtime, each
             beside as many mqtt.js clients (default reconnect) and an ESPHome model (fixed 5 s retry).
             --devices N  --downtimes MS,MS  --no-mqttjs  --backoff-base MS  --spread MS (session_loss_spread)
  scale      most devices one process holds at 1 msg/10 s (default 10000; --tiny: 50 at 1 msg/s).
             --devices N  --step N  --measure S  --settle S  --interval MS  --threads N
             --simulate: run the fleet as one child `nanomqtt simulate` process instead of in-process.
  all        every command in turn (with --tiny: the CI smoke run).
";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "help" or "-h" or "--help")
        {
            Console.Write(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var a = new Args(args);
        string outFile = a.Value("--out");
        TextWriter log = Console.Error;
        try
        {
            var reports = new List<ScenarioReport>();
            string cmd = a.Command;
            if (cmd is "all")
            {
                foreach (string c in new[] { "micro", "size", "nanoclr", "reconnects", "wire", "recovery", "storm", "scale" })
                {
                    reports.Add(await RunAsync(c, a, log).ConfigureAwait(false));
                    Print(reports[^1], outFile);
                }

                return 0;
            }

            ScenarioReport report = await RunAsync(cmd, a, log).ConfigureAwait(false);
            Print(report, outFile);
            return 0;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.Write(Usage);
            return 2;
        }
    }

    public static async Task<ScenarioReport> RunAsync(string command, Args a, TextWriter log)
    {
        bool tiny = a.Flag("--tiny");
        string line = "dotnet run -c Release --project tools/NanoMqtt.Bench -- " + string.Join(' ', a.Raw.Where(x => x != "--out" && x != a.Value("--out")).Select((x, i) => i == 0 ? command : x));
        switch (command)
        {
            case "micro":
                return MicroScenario.Run(tiny, a.Passthrough, line, log);
            case "size":
                return SizeScenario.Run(log);
            case "nanoclr":
                return NanoClrScenario.Run(line, log);
            case "reconnects":
                return ReconnectsScenario.Run(a.Int("--reconnects") ?? (tiny ? 10 : 100), line, log);
            case "wire":
                return await WireScenario.RunAsync(!a.Flag("--no-measure"), log).ConfigureAwait(false);
            case "recovery":
            {
                var o = new RecoveryOptions { MqttJs = !a.Flag("--no-mqttjs") };
                if (tiny)
                {
                    o.CutSeconds = new[] { 1 };
                    o.Modes = new[] { CutMode.Refuse };
                    o.PerKind = 1;
                    o.RecoverTimeout = TimeSpan.FromSeconds(20);
                }

                o.CutSeconds = a.Ints("--cuts") ?? o.CutSeconds;
                o.PerKind = a.Int("--per-kind") ?? o.PerKind;
                string mode = a.Value("--mode");
                if (mode != null)
                {
                    o.Modes = mode switch
                    {
                        "refuse" => new[] { CutMode.Refuse },
                        "blackhole" => new[] { CutMode.Blackhole },
                        "both" => new[] { CutMode.Refuse, CutMode.Blackhole },
                        _ => throw new ArgumentException("--mode is refuse, blackhole or both")
                    };
                }

                return await RecoveryScenario.RunAsync(o, line, log).ConfigureAwait(false);
            }

            case "storm":
            {
                var o = new StormOptions { MqttJs = !a.Flag("--no-mqttjs") };
                if (tiny)
                {
                    o.Devices = 20;
                    // The fleet comes back over one 15 s window ([backoff] session_loss_spread): wait past it with
                    // room for a loaded CI machine.
                    o.BackTimeout = TimeSpan.FromSeconds(35);
                    o.OnlineTimeout = TimeSpan.FromSeconds(30);
                    o.DowntimesMs = new[] { 1000 };
                }

                o.Devices = a.Int("--devices") ?? o.Devices;
                o.DowntimesMs = a.Ints("--downtimes") ?? (a.Int("--downtime") is int d ? new[] { d } : o.DowntimesMs);
                o.BackoffBaseMs = a.Int("--backoff-base") ?? o.BackoffBaseMs;
                o.SpreadMs = a.Int("--spread") ?? o.SpreadMs;
                return await StormScenario.RunAsync(o, line, log).ConfigureAwait(false);
            }

            case "scale":
            {
                var o = new ScaleOptions();
                if (tiny)
                {
                    o.Target = 50;
                    o.Step = 50;
                    // 1 s instead of 10 s, so that the short window still sees every device publish.
                    o.IntervalMs = 1000;
                    o.Settle = TimeSpan.FromSeconds(1);
                    o.Measure = TimeSpan.FromSeconds(3);
                    o.StepTimeout = TimeSpan.FromSeconds(30);
                }

                o.Target = a.Int("--devices") ?? o.Target;
                o.Step = a.Int("--step") ?? o.Step;
                o.Measure = a.Int("--measure") is int m ? TimeSpan.FromSeconds(m) : o.Measure;
                o.Settle = a.Int("--settle") is int s ? TimeSpan.FromSeconds(s) : o.Settle;
                o.IntervalMs = a.Int("--interval") ?? o.IntervalMs;
                o.Threads = a.Int("--threads") ?? o.Threads;
                o.SimulateProcess = a.Flag("--simulate");
                return await ScaleScenario.RunAsync(o, line, log).ConfigureAwait(false);
            }

            default:
                throw new ArgumentException("unknown command '" + command + "'");
        }
    }

    private static void Print(ScenarioReport report, string outFile)
    {
        string md = report.ToMarkdown();
        Console.WriteLine(md);
        if (outFile != null)
        {
            File.AppendAllText(outFile, md + "\n");
        }
    }
}

/// <summary>The command line: a command, --flags, --name value pairs, and after a bare -- what BenchmarkDotNet takes.</summary>
public sealed class Args
{
    private readonly List<string> _own;

    public Args(params string[] args)
    {
        int dash = Array.IndexOf(args, "--");
        Raw = args;
        _own = (dash < 0 ? args : args[..dash]).ToList();
        Passthrough = dash < 0 ? Array.Empty<string>() : args[(dash + 1)..];
        Command = _own.Count > 0 ? _own[0] : "help";
    }

    public string Command { get; }
    public string[] Raw { get; }
    public string[] Passthrough { get; }

    public bool Flag(string name) => _own.Contains(name);

    public string Value(string name)
    {
        int i = _own.IndexOf(name);
        return i >= 0 && i + 1 < _own.Count ? _own[i + 1] : null;
    }

    public int? Int(string name)
    {
        string v = Value(name);
        if (v == null)
        {
            return null;
        }

        return int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 0
            ? n : throw new ArgumentException(name + " takes a whole number, not '" + v + "'");
    }

    public int[] Ints(string name)
    {
        string v = Value(name);
        return v?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
