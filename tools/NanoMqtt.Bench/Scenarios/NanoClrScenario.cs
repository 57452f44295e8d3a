using NanoMqtt.Bench.Harness;
using NanoMqtt.NanoClr;

namespace NanoMqtt.Bench.Scenarios;

public sealed class NanoClrReport : ScenarioReport
{
    public const long HeapGoalBytes = 48 * 1024;
    public long UsedFullOutbox { get; set; }
    public long UsedPeak { get; set; }
    public long CommandMicros { get; set; }
}

/// <summary>
/// The firmware on nanoCLR, the interpreter the ESP32 runs (its 64-bit Linux build): the virtual board's hot
/// paths in microseconds, and the managed heap through its simulated day (device-tests/NanoMqtt.VirtualBoard).
/// </summary>
public static class NanoClrScenario
{
    public static NanoClrReport Run(string command, TextWriter log)
    {
        var toolchain = NanoToolchain.Find(RepoPaths.Root);
        string outDir = Path.Combine(Path.GetTempPath(), "nanomqtt-bench-nanoclr-" + Guid.NewGuid().ToString("N")[..8]);
        log?.WriteLine("nanoclr: build and run device-tests/NanoMqtt.VirtualBoard");
        VirtualBoardRun run = VirtualBoardRun.Start(toolchain, outDir);
        string fault = run.Fault();
        if (fault != null)
        {
            throw new InvalidOperationException(fault);
        }

        try
        {
            Directory.Delete(outDir, true);
        }
        catch (IOException)
        {
        }

        var paths = new Table("hot path", "median µs", "mean µs", "runs", "what is timed");
        paths.Add("config parse at boot", run["config_parse_us"], "-", 20, $"DeviceConfig.Parse of the shipped nf.config ({run["config_chars"]:N0} chars)");
        paths.Add("config parse, 4x the text", run["config_4x_parse_us"], "-", 20,
            $"the same with comment lines up to {run["config_4x_chars"]:N0} chars: {Stats.F((double)run["config_4x_parse_us"] / run["config_parse_us"], "0.0")}x the time for 4x the text");
        paths.Add("sensor sample to publish", run["publish_step_us_median"], run["publish_step_us_mean"], run["publish_steps"],
            $"a device step that reads the BME280 and publishes its readings at QoS 1 ({Stats.F((double)run["readings_published"] / run["publish_steps"], "0.0")} readings a step)");
        paths.Add("command to answer", run["command_us_median"], run["command_us_mean"], run["commands_timed"],
            "a JSON command with an id, from its arrival to the published answer and state");

        long goal = NanoClrReport.HeapGoalBytes;
        var heap = new Table("moment of the day", "heap in use (B)", "goal", "met");
        void Row(string moment, long used) => heap.Add(moment, used.ToString("N0"), "<= 49,152", used <= goal ? "yes" : "NO");
        Row("after boot (online)", run["used_after_boot"]);
        Row("before the outage (hour 2)", run["used_before_outage"]);
        Row($"outbox full ({run["outbox_at_full"]} messages, hour 5)", run["used_full_outbox"]);
        Row("highest of the day", run["used_peak"]);
        Row("after the outbox drained", run["used_after_drain"]);
        Row("end of the day", run["used_end"]);

        var report = new NanoClrReport
        {
            Title = "The firmware on nanoCLR",
            Command = command,
            UsedFullOutbox = run["used_full_outbox"],
            UsedPeak = run["used_peak"],
            CommandMicros = run["command_us_median"],
        };
        report.Body = paths + "\n" + heap + "\n" +
            $"The day: {run["readings"]:N0} readings delivered, {run["lost"]} lost, {run["dup"]} duplicates (one per lost PUBACK), " +
            $"{run["commands"]:N0} commands and {run["answered"]:N0} answers, {run["steps"]:N0} steps in {Stats.F(run.Result.Elapsed.TotalSeconds, "0.0")} s of nanoCLR time.\n";
        bool met = run["used_peak"] <= goal;
        report.Goals.Add($"the running device within 48 KiB of managed heap, full outbox included: {(met ? "met" : "missed")} (highest {run["used_peak"]:N0} B).");
        report.Notes.Add("nanoCLR's 64-bit Linux build: objects are larger than on the 32-bit ESP32, so the heap figures are upper bounds; " +
            "the ESP32 runs the same interpreter many times slower than this PC, so the times compare paths, not boards.");
        report.Notes.Add("Heap in use = free bytes at the start of the day minus free bytes after a collection (nanoFramework.Runtime.Native.GC.Run(false)).");
        return report;
    }
}
