using NanoMqtt.Bench;
using NanoMqtt.Bench.Harness;
using NanoMqtt.Bench.Micro;
using NanoMqtt.Bench.Scenarios;
using Xunit;

// The scenarios start brokers, fleets and Node processes and time them: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace NanoMqtt.Bench.Tests;

/// <summary>Each scenario once in its --tiny size, as CI runs it: it must run to the end and produce its figures.</summary>
public sealed class TinyRunTests
{
    private static Task<ScenarioReport> Tiny(string command) => Program.RunAsync(command, new Args(command, "--tiny"), TextWriter.Null);

    [Fact]
    public async Task Micro_probe_measures_every_hot_path_and_the_payload_is_its_only_allocation_when_encoding()
    {
        var report = (MicroReport)await Tiny("micro");

        Assert.Equal(6, report.Probe.Count);
        Assert.All(report.Probe, r => Assert.True(r.NsPerOp > 0, r.Name));
        // {"v":21.37,"seq":n,"t":1764070000} is 35-40 bytes: one byte[] of at most 72 B with its header.
        ProbeResult encode = report.Probe[0];
        Assert.InRange(encode.BytesPerOp, 35, 72);
        Assert.Contains("| operation |", report.ToMarkdown());
    }

    [Fact]
    public async Task Size_converts_the_core_and_the_sensors_sleep_and_home_assistant_libraries_with_the_metadata_processor_and_reports_each_pe()
    {
        var report = (SizeReport)await Tiny("size");

        Assert.InRange(report.PeBytes, 10 * 1024, report.AssemblyBytes - 1);
        Assert.InRange(report.PeStringBytes, 1, report.PeBytes);
        Assert.InRange(report.AssemblyBytes, 10 * 1024, 10 * 1024 * 1024);
        Assert.True(report.Types > 10);
        Assert.InRange(report.SensorsPeBytes, 1024, report.PeBytes);
        Assert.Equal(report.PeBytes + report.SensorsPeBytes, report.TotalPeBytes);
        Assert.InRange(report.SleepPeBytes, 1024, report.PeBytes);
        Assert.Equal(report.TotalPeBytes + report.SleepPeBytes, report.SleepingTotalPeBytes);
        Assert.Contains("NanoMqtt.Sensors.pe", report.Body);
        Assert.InRange(report.HomeAssistantPeBytes, 1024, report.PeBytes);
        Assert.Equal(report.TotalPeBytes + report.HomeAssistantPeBytes, report.HomeAssistantTotalPeBytes);
        Assert.Contains("NanoMqtt.Sleep.pe", report.Body);
        Assert.Contains("NanoMqtt.HomeAssistant.pe", report.Body);
        Assert.Contains("#US heap", report.Body);
    }

    [Fact]
    public async Task Nanoclr_runs_the_virtual_board_and_reports_its_hot_paths_and_heap()
    {
        var report = (NanoClrReport)await Tiny("nanoclr");

        Assert.InRange(report.UsedPeak, 10 * 1024, 1024 * 1024);
        Assert.InRange(report.UsedFullOutbox, 10 * 1024, report.UsedPeak);
        Assert.True(report.CommandMicros > 0);
        Assert.Contains("| command to answer |", report.Body);
    }

    [Fact]
    public async Task Reconnects_flaps_the_networked_board_and_reports_threads_sockets_and_heap()
    {
        var report = (ReconnectsReport)await Tiny("reconnects");

        Assert.InRange(report.Result.AfterFirst.Threads, 1, 64);
        Assert.Equal(report.Result.AfterFirst.Threads, report.Result.AfterLast.Threads);
        Assert.True(report.Result.AfterLast.HeapFree > 0);
        Assert.Contains("reconnect 10", report.Body);
    }

    [Fact]
    public async Task Wire_recomputes_our_publish_from_the_real_encoder_and_measures_it_through_the_proxy()
    {
        var report = (WireReport)await Tiny("wire");

        var ours = report.Messages.First(m => m.Message.Who == "NanoMqtt" && m.Message.Qos == 0);
        Assert.Equal("nanomqtt/dev1/telemetry/climate", ours.Message.Topic);
        Assert.Equal("{\"v\":21.37,\"seq\":42,\"t\":1764070000}", ours.Message.Payload);
        Assert.Equal(70, ours.Message.PacketBytes);
        Assert.Equal(70, ours.Measured);
        Assert.Equal(72, report.Messages.First(m => m.Message.Who == "NanoMqtt" && m.Message.Qos == 1).Message.PacketBytes);
        var bme = report.Messages.Last(m => m.Message.Who == "NanoMqtt");
        Assert.Equal("nanomqtt/dev1/telemetry/climate", bme.Message.Topic);
        Assert.Equal("{\"temperature\":21.37,\"humidity\":45.3,\"pressure\":1013.25,\"seq\":42,\"t\":1764070000}", bme.Message.Payload);
        Assert.Equal(115, bme.Message.PacketBytes);
        Assert.Equal(115, bme.Measured);
        Assert.Equal(151, report.Messages.Single(m => m.Message.Who == "Tasmota").Message.PacketBytes);
        Assert.Equal(46, report.Messages.First(m => m.Message.Who == "ESPHome").Message.PacketBytes);
    }

    [Fact]
    public async Task Recovery_cuts_the_link_for_a_second_and_every_client_comes_back()
    {
        var report = (RecoveryReport)await Tiny("recovery");

        foreach (string kind in new[] { RecoveryScenario.KindBrokerCut, RecoveryScenario.KindWifi, RecoveryScenario.KindMqttnet })
        {
            RecoveryRow row = report.Rows.Single(r => r.Kind == kind);
            Assert.Equal(row.Clients, row.Recovered);
            Assert.InRange(row.Worst, 0, 20_000);
        }

        if (NodePeer.EnsureInstalled(null) == null)
        {
            RecoveryRow js = report.Rows.Single(r => r.Kind == RecoveryScenario.KindMqttJs);
            Assert.Equal(js.Clients, js.Recovered);
        }
    }

    [Fact]
    public async Task Storm_restarts_the_broker_under_twenty_devices_and_counts_their_connects()
    {
        var report = (StormReport)await Tiny("storm");

        StormRow ours = report.Rows[0];
        Assert.Equal(20, ours.Clients);
        Assert.Equal(20, ours.Back);
        Assert.InRange(ours.PeakConnectsPerSecond, 1, 20 * 3);
        if (NodePeer.EnsureInstalled(null) == null)
        {
            // Ours, mqtt.js and the ESPHome model, under the same restart.
            Assert.Equal(3, report.Rows.Count);
            Assert.All(report.Rows, r => Assert.Equal(20, r.Back));
        }
    }

    [Fact]
    public async Task Scale_holds_fifty_devices_and_measures_memory_cpu_and_message_rate()
    {
        var report = (ScaleReport)await Tiny("scale");

        Assert.Equal(50, report.Held);
        Assert.True(report.MessagesPerSecond > 0, "no telemetry reached the subscriber");
        Assert.True(report.RssPerDeviceKiB > 0);
        Assert.Contains("ulimit", string.Join(" ", report.Notes));
    }

    [Fact]
    public async Task Scale_runs_the_fleet_as_one_nanomqtt_simulate_process_and_hears_every_device()
    {
        var report = (ScaleReport)await Program.RunAsync("scale", new Args("scale", "--tiny", "--simulate"), TextWriter.Null);

        Assert.Equal(50, report.Held);
        Assert.True(report.RssPerDeviceKiB > 0);
        Assert.Contains("nanomqtt simulate --devices 50", string.Join(" ", report.Notes));
    }

    [Fact]
    public void Peak_per_window_slides_rather_than_buckets()
    {
        // 3 events in 600 ms across a second boundary: buckets would say 2, a sliding second says 3.
        Assert.Equal(3, Stats.PeakPerWindow(new long[] { 900, 1100, 1500, 3000 }, 0, 10_000));
        Assert.Equal(0, Stats.PeakPerWindow(Array.Empty<long>(), 0, 10));
    }
}
