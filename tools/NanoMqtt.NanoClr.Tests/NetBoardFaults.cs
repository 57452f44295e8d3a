using System.Diagnostics;
using System.Text.RegularExpressions;
using NanoMqtt.NanoClr;
using NanoMqtt.Testing;
using NanoMqtt.Tools.Commands;
using Xunit;
using Xunit.Abstractions;

namespace NanoMqtt.NanoClr.Tests;

/// <summary>
/// The fault suite's connection scenarios on the networked virtual board: the real M2MqttLink and M2Mqtt on
/// nanoCLR, a real Mosquitto, and the project's FaultProxy between them. Real time: M2Mqtt's threads, its
/// CONNACK wait and the supervisor's deadlines all run on the interpreter's clock.
/// </summary>
public sealed class NetBoardFaults
{
    private const string Temperature = "telemetry/climate";

    private readonly ITestOutputHelper _output;

    public NetBoardFaults(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task ACutOfTheLinkLosesNoReading()
    {
        await using var scenario = await FaultScenario.StartAsync(null, "nanomqtt/cut1/#");
        var (_, proxy, probe) = scenario;
        using var board = Start("cut1", $"{proxy.Host}:{proxy.Port}");
        try
        {
            board.WaitFor(Online, TimeSpan.FromSeconds(60), "state=online");
            await probe.WaitUntilAsync(ms => Count(ms, "cut1") >= 3, TimeSpan.FromSeconds(20), "3 readings before the cut");
            int from = board.Lines.Length;
            proxy.CutAll();
            board.WaitFor(l => l.Contains(" state=", StringComparison.Ordinal) && !Online(l), TimeSpan.FromSeconds(20), "the drop", from);
            board.WaitFor(Online, TimeSpan.FromSeconds(30), "online again", from);
            int before = Count(probe.Messages, "cut1");
            await probe.WaitUntilAsync(ms => Count(ms, "cut1") >= before + 4, TimeSpan.FromSeconds(20), "readings after the cut");
            AssertNoGap(Seqs(probe, "cut1"));
        }
        finally
        {
            Show(board);
        }
    }

    [Fact]
    public async Task ABlackholeIsFoundByTheSubscribeProbeWithinOneAndAHalfKeepalives()
    {
        const int keepaliveS = 4;
        await using var scenario = await FaultScenario.StartAsync(null, "nanomqtt/hole1/#");
        var (_, proxy, probe) = scenario;
        using var board = Start("hole1", $"{proxy.Host}:{proxy.Port}", ("mqtt", "keepalive", keepaliveS + "s"));
        try
        {
            board.WaitFor(Online, TimeSpan.FromSeconds(60), "state=online");
            await probe.WaitUntilAsync(ms => Count(ms, "hole1") >= 2, TimeSpan.FromSeconds(20), "readings before the blackhole");
            int from = board.Lines.Length;
            var watch = Stopwatch.StartNew();
            proxy.StartBlackhole(BlackholeMode.Drop);
            board.WaitFor(l => l.Contains(" state=", StringComparison.Ordinal) && !Online(l), TimeSpan.FromSeconds(3 * keepaliveS), "the drop", from);
            double found = watch.Elapsed.TotalSeconds;
            _output.WriteLine($"blackhole found after {found:0.0} s (keepalive {keepaliveS} s)");
            // 1.5 keepalives from the last exchange, plus the step loop's and the reading interval's granularity.
            Assert.True(found <= 1.5 * keepaliveS + 1.5, $"found after {found:0.0} s > 1.5 keepalives");
            proxy.EndBlackhole();
            board.WaitFor(Online, TimeSpan.FromSeconds(30), "online after the blackhole", from);
        }
        finally
        {
            Show(board);
        }
    }

    [Fact]
    public void AHungConnectIsFreedByAbortWithinTheConnectTimeout()
    {
        // The broker side accepts TCP and never answers (no CONNACK): the blackhole holds every new link silent.
        const int connectTimeoutS = 3;
        using var broker = MosquittoBroker.Start();
        using var proxy = FaultProxy.Start(broker.Host, broker.Port);
        proxy.StartBlackhole(BlackholeMode.Drop);
        using var board = Start("hung1", $"{proxy.Host}:{proxy.Port}", ("mqtt", "connect_timeout", connectTimeoutS + "s"));
        try
        {
            // Connecting, then given up (back to wifi_up) within the timeout, again and again: each new attempt
            // means the last one's thread let go of its hung Connect.
            var watch = Stopwatch.StartNew();
            board.WaitFor(l => l.Contains("state=connecting", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "connecting");
            var attempts = new List<long>();
            int from = 0;
            for (int i = 0; i < 3; i++)
            {
                string up = board.WaitFor(l => l.Contains("state=wifi_up", StringComparison.Ordinal), TimeSpan.FromSeconds(connectTimeoutS + 5), "the attempt given up", from);
                from = Array.IndexOf(board.Lines, up) + 1;
                string again = board.WaitFor(l => l.Contains("state=connecting", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the next attempt", from);
                from = Array.IndexOf(board.Lines, again) + 1;
                attempts.Add(T(again));
            }

            _output.WriteLine($"attempts at t={string.Join(", ", attempts)} ms; proxy saw {proxy.Attempts} connections");
            Assert.True(proxy.Attempts >= 3, "each attempt must open a new connection");
            board.WaitFor(l => l.Contains("heap_free=", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the loop still running", from);
            Assert.False(board.HasExited);
        }
        finally
        {
            Show(board);
        }
    }

    [Fact]
    public async Task ARefusedBrokerFailsOverToTheSecond()
    {
        using var broker = MosquittoBroker.Start();
        await using var probe = await Subscribe(broker, "fail1");
        int closed = MosquittoBroker.FreePort();
        using var board = Start("fail1", $"127.0.0.1:{closed},{broker.Endpoint}", ("mqtt", "failover_after", "1"));
        try
        {
            string online = board.WaitFor(Online, TimeSpan.FromSeconds(60), "state=online");
            _output.WriteLine("online through the second broker at " + online);
            await probe.WaitForAsync(m => m.Topic == "nanomqtt/fail1/status" && m.Text.Contains("online"), TimeSpan.FromSeconds(10), "the birth");
        }
        finally
        {
            Show(board);
        }
    }

    [Fact]
    public async Task ABrokerRestartKeepsThePersistentSessionAndLosesNoReading()
    {
        // The board is held off (the proxy refuses it) while a command is published for it and the broker
        // restarts; the persistent Mosquitto keeps the board's session with the command, and the probe's
        // session with every reading published while it was away, so the probe's ledger has no gap.
        using var broker = MosquittoBroker.Start(new MosquittoOptions { Persistence = true });
        using var proxy = FaultProxy.Start(broker.Host, broker.Port);
        const string ledger = "ledger-rst1";
        var probe = await MqttProbe.ConnectAsync(broker.Host, broker.Port, clientId: ledger, cleanSession: false);
        await probe.SubscribeAsync("nanomqtt/rst1/#");
        using var board = Start("rst1", $"{proxy.Host}:{proxy.Port}");
        try
        {
            board.WaitFor(Online, TimeSpan.FromSeconds(60), "state=online");
            await probe.WaitUntilAsync(ms => Count(ms, "rst1") >= 3, TimeSpan.FromSeconds(20), "readings before the restart");
            int from = board.Lines.Length;
            proxy.RefuseNew = true;
            proxy.CutAll();
            board.WaitFor(l => l.Contains(" state=", StringComparison.Ordinal) && !Online(l), TimeSpan.FromSeconds(20), "the drop", from);
            await probe.PublishAsync("nanomqtt/rst1/cmd/relay1", "{\"id\":\"away1\",\"value\":\"on\"}");
            var before = Seqs(probe, "rst1");
            await probe.DisposeAsync();
            broker.Restart();
            await using var after = await MqttProbe.ConnectAsync(broker.Host, broker.Port, clientId: ledger, cleanSession: false);
            proxy.RefuseNew = false;
            string online = board.WaitFor(Online, TimeSpan.FromSeconds(30), "online again", from);
            _output.WriteLine("back: " + online);
            Assert.Contains("session_present=1", online);
            var result = await after.WaitForAsync(m => m.Topic == "nanomqtt/rst1/cmd/relay1/result", TimeSpan.FromSeconds(10), "the command sent while away");
            _output.WriteLine("result: " + result.Text);
            Assert.Contains("\"id\":\"away1\",\"ok\":true", result.Text);
            // Readings taken while away (queued in the board's outbox) and the live ones after it.
            long last = before.Max();
            await after.WaitUntilAsync(ms => ms.Any(m => m.Topic == $"nanomqtt/rst1/{Temperature}" && TelemetryLedger.SeqOf(m.Payload) > last + 2), TimeSpan.FromSeconds(20), "readings after the restart");
            AssertNoGap(before.Concat(Seqs(after, "rst1")).ToArray());
        }
        finally
        {
            Show(board);
        }
    }

    [Fact]
    public async Task AWrongPasswordIsReportedAsBadCredentialsAndRetriedAtTheBackoffRate()
    {
        // M2Mqtt's refused CONNACK must map to bad_credentials, and the retries keep the backoff (base 1 s,
        // cap 2 s, never under the 250 ms floor): never online, never a hot loop.
        const int WindowMs = 8000;
        const int FloorMs = 250;
        const int CapMs = 2000;
        string dir = Directory.CreateTempSubdirectory("nanomqtt-netboard-auth-").FullName;
        string passwd = Path.Combine(dir, "passwd");
        ProvisionCommand.WritePasswordEntry(passwd, "auth1", "auth1:" + ProvisionCommand.MosquittoHash("the-right-one"));
        using var broker = MosquittoBroker.Start(new MosquittoOptions { PasswordFile = passwd });
        using var proxy = FaultProxy.Start(broker.Host, broker.Port);
        using var board = NetBoardRun.Start(NanoToolchain.Find(), Path.Combine(AppContext.BaseDirectory, "net-board-auth1"),
            NetBoardOnNanoClr.TestConfig("auth1", $"{proxy.Host}:{proxy.Port}", ("mqtt", "user", "auth1")), durationMs: 180_000,
            secretsText: "[mqtt]\npassword = a-wrong-one\n");
        try
        {
            long first = T(board.WaitFor(l => l.Contains("last_failure=", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "a refused attempt"));
            board.WaitFor(l => l.Contains(" state=", StringComparison.Ordinal) && T(l) >= first + WindowMs, TimeSpan.FromSeconds(30), "the end of the window");
            string[] states = board.Lines.Where(l => l.StartsWith("board:", StringComparison.Ordinal) && l.Contains(" state=", StringComparison.Ordinal)).ToArray();
            long[] attempts = states.Where(l => l.EndsWith("state=connecting", StringComparison.Ordinal) && T(l) > first && T(l) <= first + WindowMs).Select(T).ToArray();
            long[] gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToArray();
            _output.WriteLine($"{attempts.Length} attempts in {WindowMs} ms after the first refusal; gaps {string.Join(",", gaps)} ms; the proxy saw {proxy.Attempts}");

            Assert.DoesNotContain(states, Online);
            Assert.All(states.Where(l => l.Contains("last_failure=", StringComparison.Ordinal)), l => Assert.EndsWith("last_failure=bad_credentials", l));
            Assert.InRange(attempts.Length, WindowMs / (CapMs + 1500), 1 + WindowMs / FloorMs);
            Assert.All(gaps, g => Assert.InRange(g, FloorMs, CapMs + 1500));
            Assert.False(board.HasExited);
        }
        finally
        {
            Show(board);
            Directory.Delete(dir, true);
        }
    }

    internal static bool Online(string line) => line.Contains("state=online", StringComparison.Ordinal);

    private static long T(string line) => long.Parse(Regex.Match(line, "t=(\\d+)").Groups[1].Value);

    private static int Count(IReadOnlyList<ProbeMessage> messages, string id) => messages.Count(m => m.Topic == $"nanomqtt/{id}/{Temperature}");

    private static long[] Seqs(MqttProbe probe, string id) => probe.On($"nanomqtt/{id}/{Temperature}")
        .Select(m => TelemetryLedger.SeqOf(m.Payload)).ToArray();

    private void AssertNoGap(long[] seqs)
    {
        var distinct = seqs.Distinct().OrderBy(s => s).ToArray();
        _output.WriteLine($"seq: {string.Join(",", seqs)} ({seqs.Length - distinct.Length} duplicates)");
        for (int i = 1; i < distinct.Length; i++)
        {
            Assert.True(distinct[i] == distinct[i - 1] + 1, $"reading {distinct[i - 1] + 1} lost");
        }
    }

    private static async Task<MqttProbe> Subscribe(MosquittoBroker broker, string id)
    {
        var probe = await MqttProbe.ConnectAsync(broker.Host, broker.Port);
        await probe.SubscribeAsync($"nanomqtt/{id}/#");
        return probe;
    }

    private static NetBoardRun Start(string id, string brokers, params (string, string, string)[] more) =>
        NetBoardRun.Start(NanoToolchain.Find(), Path.Combine(AppContext.BaseDirectory, "net-board-" + id),
            NetBoardOnNanoClr.TestConfig(id, brokers, more), durationMs: 180_000);

    private void Show(NetBoardRun board)
    {
        foreach (string line in board.Lines.Where(l => l.StartsWith("board:", StringComparison.Ordinal) && !l.Contains("heap_free", StringComparison.Ordinal)).Take(60))
        {
            _output.WriteLine(line);
        }
    }
}
