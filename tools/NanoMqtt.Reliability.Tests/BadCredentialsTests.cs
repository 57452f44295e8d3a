using System.Text;

namespace NanoMqtt.Reliability.Tests;

/// <summary>Scenario 6: a device with a wrong password backs off like any other failure and says why.</summary>
public sealed class BadCredentialsTests(ITestOutputHelper output)
{
    private const int WindowMs = 8000;

    /// <summary>The core's floor under every backoff delay (BackoffOptions.MinDelayMs).</summary>
    private const int FloorMs = 250;
    private const int CapMs = 2000;
    private const int AcceptStampSlackMs = 60;

    /// <summary>A sleeping device steps a few times a second (sensor, connect polls); a hot loop steps thousands of times.</summary>
    private const double MaxStepsPerSecond = 50;

    [Fact]
    public async Task A_wrong_password_is_reported_as_bad_credentials_and_retried_at_the_backoff_rate()
    {
        using Provisioned accounts = await Provisioned.CreateAsync("authgood", "authbad");
        await using FaultScenario scenario = await FaultScenario.StartAsync(accounts.BrokerOptions());
        (MosquittoBroker broker, FaultProxy badProxy, _) = scenario;
        var config = new RigConfig { BackoffCap = CapMs / 1000 + "s" };
        TestDeviceConfig good = config.Clone();
        good.Port = broker.Port;
        good.User = "authgood";
        good.Password = accounts.Password("authgood");
        TestDeviceConfig bad = config.Clone();
        bad.Port = badProxy.Port;
        bad.User = "authbad";
        bad.Password = "not-" + accounts.Password("authbad");

        Rig rig = scenario.Own(new Rig());
        RigDevice control = rig.Add("authgood", good, seed: 600);
        RigDevice device = rig.Add("authbad", bad, seed: 601);
        rig.Start();
        await Eventually.Until(() => control.IsOnline, Drain.Long, "the device with the right password online");
        await Eventually.Until(() => badProxy.Attempts >= 1, Drain.Long, "the first attempt with the wrong password");
        long first = badProxy.AttemptTimes()[0];
        long stepsAtFirst = device.Hosted.Steps;
        await Task.Delay((int)Math.Max(0, first + WindowMs - FaultProxy.NowMs)); // the observation window
        long[] attempts = badProxy.AttemptTimes().Where(t => t <= first + WindowMs).ToArray();
        long steps = device.Hosted.Steps - stepsAtFirst;
        await rig.FreezeAsync();

        ConnectionSupervisor s = device.Supervisor;
        string diag = Encoding.UTF8.GetString(device.Device.Diagnostics.BuildPayload());
        long[] gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToArray();
        double stepsPerSecond = steps * 1000.0 / WindowMs;
        int maxByFloor = 1 + WindowMs / FloorMs;
        Figures.Report(output, new FigureRow
        {
            Scenario = "6. Bad credentials (1 device, backoff 0.5-2 s)",
            Faults = "wrong password, observed for " + WindowMs / 1000 + " s",
            Sent = attempts.Length + " CONNECT attempts (floor allows at most " + maxByFloor + ")",
            Lost = "-",
            Duplicated = "-",
            Recovery = "never online (as it should); gaps " + gaps.Min() + "-" + gaps.Max() + " ms, mean " + gaps.Average().ToString("0") + " ms",
            Notes = "LastFailure " + LinkFailureNames.Of(s.Stats.LastFailure) + ", diag \"last_failure\":\"" + LinkFailureNames.Of(s.Stats.LastFailure) + "\"; " + stepsPerSecond.ToString("0.0") + " steps/s; link says: " + device.Sim.Link.LastFailureDetail
        });

        Assert.Equal(LinkFailure.BadCredentials, s.Stats.LastFailure);
        Assert.Contains("\"last_failure\":\"bad_credentials\"", diag);
        Assert.Equal(0, s.Stats.Reconnects);
        Assert.NotEqual(ConnectionState.Online, s.State);
        Assert.True(attempts.Length >= 4, "it should keep trying: " + attempts.Length + " attempts");
        Assert.True(attempts.Length <= maxByFloor, attempts.Length + " attempts in " + WindowMs + " ms");
        // Every wait is at least the floor and at most the cap plus one refused handshake on a busy machine.
        // The proxy stamps each accept when its accept loop gets to it, which on a loaded machine may be
        // late for one attempt and not the next: hence the slack under the floor.
        Assert.All(gaps, g => Assert.InRange(g, FloorMs - AcceptStampSlackMs, CapMs + 1500));
        Assert.True(stepsPerSecond <= MaxStepsPerSecond, stepsPerSecond + " steps/s");
        // Each attempt the supervisor counts reached the network (one may be under way at the freeze).
        Assert.InRange(s.Stats.ConnectAttempts - badProxy.Attempts, 0, 1);
    }
}
