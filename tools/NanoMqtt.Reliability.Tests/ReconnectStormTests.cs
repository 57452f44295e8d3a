namespace NanoMqtt.Reliability.Tests;

/// <summary>Scenario 5: 200 devices and a broker killed with -9 and restarted.</summary>
public sealed class ReconnectStormTests(ITestOutputHelper output)
{
    private const int Devices = 200;
    private const int CapMs = 5000;

    /// <summary>
    /// The fleet's window: the session-loss spread (15 s) bounded by the cap. The first retries are drawn over
    /// it, and refused ones probe once per window (plus up to an eighth), so the fleet is back within
    /// 1.3 windows of the restart whatever the downtime.
    /// </summary>
    private const int WindowMs = CapMs;

    /// <summary>
    /// The stated bound: at most 40% of the fleet's CONNECTs reach the restarted broker in any one second,
    /// twice the 20% that a 5 s window gives on average (200 devices in any one second fluctuate around 40).
    /// </summary>
    private const double MaxConnectFractionPerSecond = 0.4;

    /// <summary>Handshake time of 200 clients on a loaded 2-core machine, on top of the backoff cap.</summary>
    private const int HandshakeAllowanceMs = 2000;

    /// <summary>Down for 1 s and 12 s: a fifth of the window and more than two windows (3 s and 60 s with the 15 s default).</summary>
    [Theory]
    [InlineData(1000)]
    [InlineData(12000)]
    public async Task Two_hundred_devices_come_back_spread_out_and_within_one_window_after_any_downtime(int downMs)
    {
        await using FaultScenario scenario = await FaultScenario.StartAsync();
        (MosquittoBroker broker, FaultProxy proxy, _) = scenario;
        // While Mosquitto is down the proxy does not listen either: a connect is refused, as without it.
        proxy.RefuseWhileUpstreamDown = true;
        var config = new RigConfig { Port = proxy.Port, Interval = "5s", BackoffCap = CapMs / 1000 + "s", KeepAlive = "5s", ConnectTimeout = "5s" };
        Rig rig = scenario.Own(new Rig());
        rig.AddFleet(Devices, i => "storm" + i.ToString("000"), config, firstSeed: 500);

        rig.Start();
        await Eventually.Until(() => rig.AllOnline, TimeSpan.FromSeconds(90), "all " + Devices + " devices online",
            () => rig.Devices.Count(d => d.IsOnline) + " online");
        // Past the 1 s stable period, so every backoff starts again from its base.
        await Eventually.Until(() => rig.Devices.All(d => d.Supervisor.Backoff.Failures == 0), Drain.Long, "every backoff reset");

        long killed = FaultProxy.NowMs;
        broker.Stop(kill: true);
        await Eventually.Until(() => rig.Devices.All(d => !d.IsOnline), TimeSpan.FromSeconds(30), "every device to notice the broker is gone");
        long allNoticed = FaultProxy.NowMs;
        await Task.Delay((int)Math.Max(0, killed + downMs - FaultProxy.NowMs)); // the broker stays down this long
        broker.Restart();
        long back = FaultProxy.NowMs;
        long[] offsets = rig.Devices.Select(d => FaultProxy.NowMs - d.Sim.Clock.NowMs).ToArray();
        await Eventually.Until(() => rig.AllOnline, TimeSpan.FromSeconds(60), "every device back online",
            () => (Devices - rig.Devices.Count(d => d.IsOnline)) + " still offline");
        long[] onlineAt = rig.Devices.Select((d, i) => d.Supervisor.OnlineSinceMs + offsets[i]).ToArray();
        long lastBack = onlineAt.Max() - back;

        // While the broker is down no CONNECT gets through, so every one counted since the kill reached the
        // restarted broker (a few may land between its first accept and the moment Restart returns).
        int connectPeak = FaultProxy.PeakPerSecond(proxy.ConnectTimes(), killed, FaultProxy.NowMs);
        int attemptPeak = FaultProxy.PeakPerSecond(proxy.AttemptTimes(), killed, FaultProxy.NowMs);
        long attemptsWhileDown = proxy.AttemptTimes().Count(t => t >= killed && t < back);
        long connectsAfter = proxy.ConnectTimes().Count(t => t >= killed);
        Figures.Report(output, new FigureRow
        {
            Scenario = "5. Reconnect storm (" + Devices + " devices, window " + WindowMs / 1000 + " s)",
            Faults = "broker kill -9, down " + downMs / 1000 + " s, restarted",
            Sent = connectsAfter + " CONNECTs after the restart; " + attemptsWhileDown + " attempts accepted by the proxy while down (the rest refused by the stack)",
            Lost = "-",
            Duplicated = "-",
            Recovery = "all " + Devices + " back " + Figures.Ms(lastBack) + " after the restart (bound: 1.3 windows + " + HandshakeAllowanceMs + " ms); all noticed the kill in " + Figures.Ms(allNoticed - killed),
            Notes = "peak " + connectPeak + " CONNECT/s at the broker (" + (100.0 * connectPeak / Devices).ToString("0") + "% of the fleet, bound " + MaxConnectFractionPerSecond * 100 + "%); peak " + attemptPeak + " TCP attempts/s while down"
        });

        Assert.True(connectPeak <= MaxConnectFractionPerSecond * Devices, "peak " + connectPeak + " CONNECT/s");
        Assert.True(lastBack <= WindowMs * 13 / 10 + HandshakeAllowanceMs, "the last device came back " + lastBack + " ms after the restart");
        Assert.True(connectsAfter >= Devices, "every device should have sent a CONNECT after the restart");
    }
}
