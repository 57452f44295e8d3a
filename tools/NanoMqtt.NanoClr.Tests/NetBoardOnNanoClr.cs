using System.Text.RegularExpressions;
using NanoMqtt.NanoClr;
using NanoMqtt.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NanoMqtt.NanoClr.Tests;

/// <summary>
/// The networked virtual board (device-tests/NanoMqtt.NetBoard): the device shell's real M2MqttLink with the
/// real M2Mqtt on nanoCLR's sockets, the core's FieldDevice, against a real Mosquitto. Real time throughout:
/// M2Mqtt's threads and timeouts run on the interpreter's clock.
/// </summary>
public sealed class NetBoardOnNanoClr
{
    private readonly ITestOutputHelper _output;

    public NetBoardOnNanoClr(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>The shipped nf.config for a test board: this broker, readings every second, fast retries.</summary>
    internal static string TestConfig(string deviceId, string brokers, params (string, string, string)[] more)
    {
        var toolchain = NanoToolchain.Find();
        string shipped = File.ReadAllText(Path.Combine(toolchain.RepoRoot, "nf.config"));
        var changes = new List<(string, string, string)>
        {
            ("device", "id", deviceId),
            ("mqtt", "brokers", brokers),
            ("mqtt", "keepalive", "10s"),
            ("mqtt", "connect_timeout", "5s"),
            ("backoff", "base", "1s"),
            ("backoff", "cap", "2s"),
            ("sensor.climate", "interval", "1s"),
            ("sensor.climate", "deadband", "0"),
            ("watchdog", "offline_reboot", "0"),
        };
        changes.AddRange(more);
        return NetBoardRun.Configure(shipped, changes.ToArray());
    }

    [Fact]
    public async Task BirthQos1TelemetryInSequenceACommandRoundTripAndTheWill()
    {
        var toolchain = NanoToolchain.Find();
        using var broker = MosquittoBroker.Start();
        await using var probe = await MqttProbe.ConnectAsync(broker.Host, broker.Port);
        await probe.SubscribeAsync("nanomqtt/net1/#");

        using var board = NetBoardRun.Start(toolchain, Path.Combine(AppContext.BaseDirectory, "net-board-basic"),
            TestConfig("net1", broker.Endpoint), durationMs: 120_000);
        try
        {
            board.WaitFor(NetBoardFaults.Online, TimeSpan.FromSeconds(60), "state=online");
            // The network link starts down and comes up on NetworkChange's "network available", which nanoCLR's
            // sockets layer raises when the board asks the host interface for an address (as DHCP does on a device).
            string firstState = board.Lines.First(l => l.Contains(" state=", StringComparison.Ordinal));
            Assert.EndsWith("state=wifi_down", firstState);
            string events = board.WaitFor(l => Regex.IsMatch(l, "network_events=[1-9]"), TimeSpan.FromSeconds(5), "a network_events count");
            _output.WriteLine("network: " + firstState + "; " + events);
            var birth = await probe.WaitForAsync(m => m.Topic == "nanomqtt/net1/status", TimeSpan.FromSeconds(10), "the birth message");
            _output.WriteLine($"birth: {birth.Text} retain={birth.Retain}");
            Assert.Contains("online", birth.Text);

            // QoS 1 readings with consecutive sequence numbers per stream.
            const string stream = "nanomqtt/net1/telemetry/climate";
            await probe.WaitUntilAsync(ms => ms.Count(m => m.Topic == stream) >= 4, TimeSpan.FromSeconds(20), "4 climate readings");
            var seqs = probe.On(stream).Select(m => TelemetryLedger.SeqOf(m.Payload)).ToArray();
            _output.WriteLine("temperature seq: " + string.Join(",", seqs));
            Assert.All(probe.On(stream), m => Assert.Equal(1, m.Qos));
            for (int i = 1; i < seqs.Length; i++)
            {
                Assert.Equal(seqs[i - 1] + 1, seqs[i]);
            }

            // A command and its answer, and the relay it switched.
            int from = board.Lines.Length;
            await probe.PublishAsync("nanomqtt/net1/cmd/relay1", "{\"id\":\"c1\",\"value\":\"on\"}");
            var result = await probe.WaitForAsync(m => m.Topic == "nanomqtt/net1/cmd/relay1/result", TimeSpan.FromSeconds(10), "the command's result");
            _output.WriteLine("result: " + result.Text);
            Assert.Contains("c1", result.Text);
            board.WaitFor(l => l.Contains("relay_level=", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the relay switching", from);

            // The board dies without DISCONNECT: the broker publishes the will.
            probe.Clear();
        }
        finally
        {
            foreach (string line in board.Lines.Where(l => l.StartsWith("board:", StringComparison.Ordinal)).Take(40))
            {
                _output.WriteLine(line);
            }
        }

        board.Dispose();
        var will = await probe.WaitForAsync(m => m.Topic == "nanomqtt/net1/status", TimeSpan.FromSeconds(30), "the will");
        _output.WriteLine("will: " + will.Text);
        Assert.Contains("offline", will.Text);
    }
}
