namespace NanoMqtt.Reliability.Tests;

/// <summary>Scenario 1: link flaps. 20 devices, QoS 1 telemetry at 5/s, 10 seeded cuts of the whole network.</summary>
public sealed class LinkFlapTests(ITestOutputHelper output)
{
    private const int Devices = 20;
    private const int Cuts = 10;

    [Fact]
    public async Task Twenty_devices_lose_no_reading_through_ten_cuts_and_say_offline_once_per_cut()
    {
        await using FaultScenario scenario = await FaultScenario.StartAsync(null, FaultScenario.DeviceTopics);
        (_, FaultProxy proxy, MqttProbe probe) = scenario;
        // 40 ms each way: a PUBACK is always on its way back, so cuts catch messages in flight.
        proxy.LatencyMs = 40;

        // The outbox holds 200 readings: 40 s at 5/s, well beyond the longest outage plus the backoff cap.
        var config = new RigConfig { Port = proxy.Port, Interval = "200ms", BackoffCap = "2s", OutboxMessages = 200 };
        Rig rig = scenario.Own(new Rig());
        rig.AddFleet(Devices, i => "flap" + i.ToString("00"), config, firstSeed: 100);

        rig.Start();
        await probe.WaitUntilAsync(_ => rig.Devices.All(d => Drain.StatusCount(probe, d, "online") == 1), Drain.Long, "all 20 devices online");

        // Seeded: the same cuts every run. Outages of 1-15 s compressed to 0.3-3 s; 0.5-1.5 s of traffic between.
        var random = new Random(7);
        var outages = new List<int>();
        var recoveries = new List<double>();
        var cutLinks = new List<int>();
        for (int cut = 1; cut <= Cuts; cut++)
        {
            await Task.Delay(random.Next(500, 1501)); // traffic between faults: part of the scenario, not a wait for a condition
            int outage = random.Next(300, 3001);
            outages.Add(outage);
            proxy.RefuseNew = true;
            cutLinks.Add(proxy.CutAll());
            await Task.Delay(outage); // the fault itself lasts this long
            proxy.RefuseNew = false;
            DateTime restored = DateTime.UtcNow;
            int expected = cut + 1;
            await probe.WaitUntilAsync(_ => rig.Devices.All(d => Drain.StatusCount(probe, d, "online") >= expected), Drain.Long,
                "every device back online after cut " + cut);
            DateTime lastBack = rig.Devices.Max(d => probe.On(d.Topic("status")).Where(m => m.Text == "online").ElementAt(cut).ReceivedUtc);
            recoveries.Add((lastBack - restored).TotalMilliseconds);
        }

        await Drain.QuiesceAsync(rig.Devices, probe);
        TelemetryLedger ledger = TelemetryLedger.Of(probe.Messages);
        long issued = 0;
        long lost = 0;
        foreach (RigDevice d in rig.Devices)
        {
            string topic = d.Topic("telemetry/light");
            long max = d.Link.MaxSeq(topic);
            issued += max;
            lost += ledger.Missing(topic, max);
        }

        long publishes = rig.Devices.Sum(d => d.Link.TelemetryPublishes);
        long dropped = rig.Devices.Sum(d => d.Supervisor.Outbox.Dropped + d.Supervisor.Outbox.Expired);
        Figures.Report(output, new FigureRow
        {
            Scenario = "1. Link flaps (" + Devices + " devices, 5 msg/s each, QoS 1, 80 ms RTT)",
            Faults = Cuts + " cuts of all links (" + cutLinks.Sum() + " connections), outages " + outages.Min() + "-" + outages.Max() + " ms, " + outages.Sum() / 1000.0 + " s in all",
            Sent = issued + " readings (" + publishes + " PUBLISH incl. resends)",
            Lost = lost.ToString(),
            Duplicated = ledger.Duplicates.ToString(),
            Recovery = "all back " + Figures.Ms(recoveries.Average()) + " avg, " + Figures.Ms(recoveries.Max()) + " max after the link returned",
            Notes = "offline will " + Cuts + "x and online " + (Cuts + 1) + "x per device; outbox dropped " + dropped
        });

        Assert.Equal(0, lost);
        Assert.Equal(0, dropped);
        Assert.True(issued >= Devices * 100, "too few readings to mean anything: " + issued);
        foreach (RigDevice d in rig.Devices)
        {
            // The retained will comes once per cut, and each time the device's own "online" follows it.
            string[] status = probe.On(d.Topic("status")).Select(m => m.Text).ToArray();
            string expectedStatus = string.Join(",", Enumerable.Range(0, Cuts).Select(_ => "online,offline")) + ",online";
            Assert.Equal(expectedStatus, string.Join(",", status));
            Assert.Equal(Cuts, d.Supervisor.Stats.Reconnects);
            Assert.Equal(LinkFailure.ConnectionClosed, d.Supervisor.Stats.LastDisconnect);
        }

        // With a 2 s cap, a device retries at most 2 s after the link returns; the rest is handshakes
        // (three round trips of 80 ms) on a busy machine.
        // Refused retries probe once per window (the 2 s cap here, plus up to an eighth): back within 1.3 windows,
        // plus connect, subscribe and birth through the 80 ms round trip on a shared host.
        Assert.True(recoveries.Max() < 2000 * 13 / 10 + 1500, "slowest recovery " + recoveries.Max() + " ms");
    }
}
