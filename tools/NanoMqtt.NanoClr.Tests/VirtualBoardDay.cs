using NanoMqtt.NanoClr;
using Xunit;
using Xunit.Abstractions;

namespace NanoMqtt.NanoClr.Tests;

/// <summary>
/// device-tests/NanoMqtt.VirtualBoard on nanoCLR: the core's FieldDevice with the shipped nf.config through a
/// simulated day (readings, a command a minute, an hourly lost connection, a three-hour broker outage), with
/// the managed heap measured once a minute. One run serves every check; each check prints the figures.
/// </summary>
public sealed class VirtualBoardDay
{
    // What the heap may differ by between two quiet moments of the day without being a leak: the newest diag,
    // command and reading buffers, and list capacities that grew once (64-bit nanoCLR: 8 B per slot).
    private const long LeakMarginBytes = 2048;

    // The goal for the whole managed heap of the device, full outbox included: an ESP32 without PSRAM has
    // about 79 to 111 KiB, an ESP32-C3 about 53 KiB.
    private const long HeapGoalBytes = 48 * 1024;

    private static readonly Lazy<VirtualBoardRun> Day = new(() => VirtualBoardRun.Start(NanoToolchain.Find(), Path.Combine(AppContext.BaseDirectory, "virtual-board")));

    private readonly ITestOutputHelper _output;

    public VirtualBoardDay(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void TheDayRunsToItsEndOnNanoClr()
    {
        var day = Show();
        Assert.True(day.Fault() == null, "nanoCLR: " + day.Fault());
        Assert.Contains("board: done", day.Result.Lines);
        Assert.Equal(0, day["reboots"]);
        Assert.Equal(0, day["door_overflows"]);
        Assert.Equal(0, day["outbox_expired"]);
    }

    [Fact]
    public void NoReadingIsLostAndTheFullOutboxCountsWhatItDrops()
    {
        var day = Show();
        Assert.True(day["outbox_dropped"] > 0, "the outage must fill the outbox");
        // Every sequence number is a reading received or a gap; gaps appear only where the full outbox
        // dropped its oldest (and counted them), never at the hourly reconnects.
        Assert.Equal(day["seq_total"], day["readings"] + day["gaps_drain"] + day["gaps_other"]);
        Assert.Equal(0, day["gaps_other"]);
        Assert.True(day["gaps_drain"] <= day["outbox_dropped"], "more readings missing than the outbox dropped");
        Assert.Equal(0, day["lost"]);
        Assert.Equal(0, day["outbox_end"]);
    }

    [Fact]
    public void DuplicatesAreExactlyTheRedeliveriesOfLostAcknowledgements()
    {
        var day = Show();
        // Each hourly drop comes right after a reading reached the broker and before its PUBACK: QoS 1 sends
        // that one reading again, so the broker sees exactly one duplicate per drop, and no other.
        Assert.Equal(day["hourly_drops"], day["lost_acks"]);
        Assert.Equal(day["lost_acks"], day["dup"]);
    }

    [Fact]
    public void EveryCommandIsAnswered()
    {
        var day = Show();
        Assert.Equal(24 * 60, day["commands"]);
        Assert.Equal(day["commands"], day["delivered"]);
        Assert.Equal(day["commands"], day["answered"]);
        Assert.Equal(0, day["answers_missing"]);
        Assert.Equal(0, day["discarded"]);
    }

    [Fact]
    public void TheHeapDoesNotGrowOverTheDay()
    {
        var day = Show();
        var problems = new List<string>();
        if (day["used_end"] > day["used_after_boot"] + LeakMarginBytes)
        {
            problems.Add($"at the end of the day {day["used_end"]:N0} B > after boot {day["used_after_boot"]:N0} B + {LeakMarginBytes:N0} B");
        }

        if (day["used_after_drain"] > day["used_before_outage"] + LeakMarginBytes)
        {
            problems.Add($"after the outbox drained {day["used_after_drain"]:N0} B > before the outage {day["used_before_outage"]:N0} B + {LeakMarginBytes:N0} B");
        }

        Assert.True(problems.Count == 0, "heap used " + string.Join("; ", problems));
    }

    [Fact]
    public void TheHeapStaysFlatFromTheDrainToTheEndOfTheDay()
    {
        var day = Show();
        // Nineteen hours of readings, commands and reconnects after the outage: what the outage left in use
        // (if anything) is a high-water mark, not a growth.
        Assert.True(day["used_end"] <= day["used_after_drain"] + LeakMarginBytes,
            $"heap used at the end of the day {day["used_end"]:N0} B > after the drain {day["used_after_drain"]:N0} B + {LeakMarginBytes:N0} B");
    }

    [Fact]
    public void AFullOutboxFitsTheHeapGoal()
    {
        var day = Show();
        Assert.True(day["used_full_outbox"] <= HeapGoalBytes,
            $"heap used with the outbox full ({day["outbox_at_full"]} messages) {day["used_full_outbox"]:N0} B > {HeapGoalBytes:N0} B " +
            $"(after boot {day["used_after_boot"]:N0} B: {(day["used_full_outbox"] - day["used_after_boot"]) / Math.Max(1, day["outbox_at_full"]):N0} B per queued message)");
    }

    [Fact]
    public void TheHotPathsAreTimedBeforeTheDay()
    {
        // The figures themselves are benchmarks (docs/benchmarks.md); here the runs must complete, every command answered.
        var day = Show();
        Assert.DoesNotContain(day.Result.Lines, l => l.StartsWith("bench: error", StringComparison.Ordinal));
        Assert.True(day["config_parse_us"] > 0 && day["config_4x_parse_us"] > 0);
        Assert.Equal(200, day["publish_steps"]);
        Assert.True(day["readings_published"] >= 200);
        Assert.Equal(200, day["commands_timed"]);
    }

    private VirtualBoardRun Show()
    {
        var day = Day.Value;
        _output.WriteLine($"nanoCLR ran the day in {day.Result.Elapsed.TotalSeconds:0.0} s");
        foreach (string line in day.Result.Lines.Where(l => l.StartsWith("board: ", StringComparison.Ordinal) || l.StartsWith("bench: ", StringComparison.Ordinal)))
        {
            _output.WriteLine(line);
        }

        return day;
    }
}
