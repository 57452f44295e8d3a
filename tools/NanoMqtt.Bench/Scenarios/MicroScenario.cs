using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NanoMqtt.Bench.Harness;
using NanoMqtt.Bench.Micro;

namespace NanoMqtt.Bench.Scenarios;

public sealed class MicroReport : ScenarioReport
{
    public IReadOnlyList<ProbeResult> Probe { get; set; }
    public IReadOnlyList<ProbeResult> Sites { get; set; }
}

/// <summary>
/// The core's hot paths: BenchmarkDotNet with MemoryDiagnoser (full run), and always the in-process
/// allocation probe, which also measures each allocating call inside the paths on its own.
/// </summary>
public static class MicroScenario
{
    public static MicroReport Run(bool tiny, string[] benchmarkArgs, string command, TextWriter log)
    {
        var report = new MicroReport { Title = "Core hot paths on .NET 10 (bytes allocated per operation)", Command = command };
        var body = new System.Text.StringBuilder();
        if (!tiny)
        {
            log?.WriteLine("micro: BenchmarkDotNet (MemoryDiagnoser), this takes a few minutes");
            Summary summary = BenchmarkRunner.Run<CoreBenchmarks>(DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator), benchmarkArgs);
            var t = new Table("operation", "mean", "allocated per op", "Gen0 per 1000 ops");
            foreach (BenchmarkReport r in summary.Reports)
            {
                string mean = r.ResultStatistics == null ? "n/a" : Stats.F(r.ResultStatistics.Mean, "0.0") + " ns";
                long? bytes = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase);
                t.Add(r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''), mean, bytes.HasValue ? bytes.Value + " B" : "n/a",
                    Stats.F(r.GcStats.Gen0Collections * 1000.0 / Math.Max(1, r.GcStats.TotalOperations), "0.0000"));
            }

            body.Append("BenchmarkDotNet 0.15.8, default job, MemoryDiagnoser:\n\n").Append(t).Append('\n');
            if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => r.ResultStatistics == null))
            {
                report.Notes.Add("BenchmarkDotNet did not produce every result; its log above says why.");
            }
        }

        int ops = tiny ? 20_000 : 1_000_000;
        report.Probe = AllocationProbe.HotPaths(ops);
        report.Sites = AllocationProbe.Sites(ops);
        var p = new Table("operation", "bytes per op", "time per op", "ops");
        foreach (ProbeResult r in report.Probe)
        {
            p.Add(r.Name, Stats.F(r.BytesPerOp, "0.#"), Stats.F(r.NsPerOp, "0") + " ns", r.Ops);
        }

        var s = new Table("allocation site inside a hot path (measured alone)", "bytes per call");
        foreach (ProbeResult r in report.Sites)
        {
            s.Add(r.Name, Stats.F(r.BytesPerOp, "0.#"));
        }

        body.Append("In-process probe (GC.GetAllocatedBytesForCurrentThread over " + ops + " operations after a warm-up):\n\n").Append(p)
            .Append("\nWhere the bytes come from:\n\n").Append(s);
        report.Body = body.ToString();
        report.Goals.Add("no allocation in steady state other than the payload buffer handed to the link: see the table in docs/benchmarks.md for which paths meet it.");
        return report;
    }
}
