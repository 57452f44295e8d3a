using System.Text.RegularExpressions;

namespace NanoMqtt.Reliability.Tests;

/// <summary>Scenario 4: an outage longer than the outbox can hold. What is dropped is counted, exactly.</summary>
public sealed class OutboxOverflowTests(ITestOutputHelper output)
{
    private const int OutboxMessages = 12;
    private const int IntervalMs = 200;
    private const int OutageMs = 6000;

    [Fact]
    public async Task The_dropped_count_equals_what_the_subscriber_misses_and_diag_reports_it()
    {
        await using FaultScenario scenario = await FaultScenario.StartAsync(null, [.. FaultScenario.DeviceTopics, "nanomqtt/+/diag"]);
        (_, FaultProxy proxy, MqttProbe probe) = scenario;

        // 5 readings a second into an outbox of 12: a 6 s outage overflows it by about 18.
        var config = new RigConfig { Port = proxy.Port, Interval = IntervalMs + "ms", OutboxMessages = OutboxMessages, BackoffCap = "2s" };
        Rig rig = scenario.Own(new Rig());
        RigDevice d = rig.Add("overflow1", config, seed: 400);
        rig.Start();
        await probe.WaitForAsync(d.Topic("status"), "online", Drain.Long);
        await Task.Delay(1000); // normal traffic before the fault

        proxy.RefuseNew = true;
        proxy.CutAll();
        await Eventually.Until(() => !d.IsOnline, Drain.Long, "the device to notice the cut");
        long acceptedAtCut = d.Device.Supervisor.Stats.Accepted;
        await Task.Delay(OutageMs); // the outage
        int depthAtEnd = d.Supervisor.Outbox.Count;
        long readingsDuringOutage = d.Device.Supervisor.Stats.Accepted - acceptedAtCut;
        long droppedDuringOutage = d.Supervisor.Outbox.Dropped;
        proxy.RefuseNew = false;
        DateTime restored = DateTime.UtcNow;
        await probe.WaitUntilAsync(_ => Drain.StatusCount(probe, d, "online") == 2, Drain.Long, "the device back online");
        double recovery = (probe.On(d.Topic("status")).Last(m => m.Text == "online").ReceivedUtc - restored).TotalMilliseconds;

        await Drain.QuiesceAsync(rig.Devices, probe);
        await probe.PublishAsync(d.Topic("cmd/device"), "{\"id\":\"diag-1\",\"value\":\"diag\"}");
        await probe.WaitForAsync(m => m.Topic == d.Topic("cmd/device/result") && m.Text.Contains("diag-1", StringComparison.Ordinal), Drain.Long, "the diag answer");
        // The diag requested by the command is the last diag message (none other is due within 60 s).
        ProbeMessage diag = await probe.WaitForAsync(m => m.Topic == d.Topic("diag") && m.ReceivedUtc > restored && Regex.IsMatch(m.Text, "\"commands\":\\{\"received\":2"), Drain.Long, "the requested diag");
        long diagDropped = long.Parse(Regex.Match(diag.Text, "\"dropped\":(\\d+)").Groups[1].Value);

        string topic = d.Topic("telemetry/light");
        long issued = d.Link.MaxSeq(topic);
        TelemetryLedger ledger = TelemetryLedger.Of(probe.Messages);
        long missing = ledger.Missing(topic, issued);
        long dropped = d.Supervisor.Outbox.Dropped;
        Figures.Report(output, new FigureRow
        {
            Scenario = "4. Outbox overflow (1 device, 5 msg/s, outbox " + OutboxMessages + ")",
            Faults = "1 outage of " + OutageMs / 1000 + " s",
            Sent = issued + " readings",
            Lost = missing + " (seq " + ledger.MissingRanges(topic, issued) + "), all counted as dropped",
            Duplicated = ledger.Duplicates.ToString(),
            Recovery = "back " + Figures.Ms(recovery) + " after the link returned",
            Notes = "outbox dropped " + dropped + " (" + droppedDuringOutage + " while offline, depth " + depthAtEnd + "); diag \"dropped\":" + diagDropped
        });

        Assert.Equal(OutboxMessages, depthAtEnd);
        Assert.True(readingsDuringOutage > OutboxMessages, "the outage should have produced more than the outbox holds: " + readingsDuringOutage);
        Assert.True(droppedDuringOutage >= readingsDuringOutage - OutboxMessages, "dropped while offline " + droppedDuringOutage + " of " + readingsDuringOutage);
        // Every lost reading is one the outbox dropped and counted. The one reading that may be in flight at
        // the cut can reach the broker before its PUBACK does the device; requeued, it is then dropped
        // (oldest first) and counted, yet not missing.
        Assert.InRange(missing, dropped - 1, dropped);
        Assert.Equal(dropped, diagDropped);
        Assert.Equal(0, d.Supervisor.Outbox.Expired);
    }
}
