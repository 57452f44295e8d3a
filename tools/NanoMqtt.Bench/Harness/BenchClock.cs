using System.Diagnostics;

namespace NanoMqtt.Bench.Harness;

/// <summary>One time base for every timestamp of a scenario (proxy, subscriber, peers, cuts), in ms.</summary>
public static class BenchClock
{
    private static readonly Stopwatch Watch = Stopwatch.StartNew();

    public static long Ms => Watch.ElapsedMilliseconds;

    /// <summary>High resolution, for recovery times.</summary>
    public static double PreciseMs => Watch.Elapsed.TotalMilliseconds;
}
