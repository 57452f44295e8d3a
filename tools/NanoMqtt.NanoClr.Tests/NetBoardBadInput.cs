using System.Text;
using System.Text.RegularExpressions;
using MQTTnet;
using MQTTnet.Protocol;
using NanoMqtt.NanoClr;
using NanoMqtt.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NanoMqtt.NanoClr.Tests;

/// <summary>
/// Bad input on the networked virtual board: the real M2Mqtt on nanoCLR receives it from a real Mosquitto.
/// Each one is refused on the command's /result topic with its code, and the board stays online (no
/// reconnect), keeps publishing readings in sequence and still obeys the next good command.
/// </summary>
public sealed class NetBoardBadInput
{
    /// <summary>Four times the board's largest inbound packet ([commands] max_payload 256 + 1024) and more: 256 KB, as the simulator's test.</summary>
    private const int Oversize = 256 * 1024;

    private readonly ITestOutputHelper _output;

    public NetBoardBadInput(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task AnOversizedRetainedAndAnOversizedLiveCommandAreRefusedByTheirLength()
    {
        using var broker = MosquittoBroker.Start();
        await using var probe = await MqttProbe.ConnectAsync(broker.Host, broker.Port);
        await probe.SubscribeAsync("nanomqtt/big1/#");
        // MQTT 3.1.1 (the shipped protocol): the broker sends the whole retained packet at the subscribe.
        await probe.PublishAsync("nanomqtt/big1/cmd/relay1", new string('x', Oversize), retain: true);
        using var board = NetBoardRun.Start(NanoToolchain.Find(), Path.Combine(AppContext.BaseDirectory, "net-board-big1"),
            NetBoardOnNanoClr.TestConfig("big1", broker.Endpoint), durationMs: 180_000);
        try
        {
            board.WaitFor(NetBoardFaults.Online, TimeSpan.FromSeconds(60), "state=online");
            var retained = await probe.WaitForAsync(m => m.Topic == "nanomqtt/big1/cmd/relay1/result", TimeSpan.FromSeconds(20), "the retained one's refusal");
            _output.WriteLine("retained: " + retained.Text);
            Assert.StartsWith("{\"ok\":false,\"code\":\"retained\"", retained.Text);

            await probe.PublishAsync("nanomqtt/big1/cmd/relay1", new string('y', Oversize));
            var live = await probe.WaitForAsync(m => m.Topic == "nanomqtt/big1/cmd/relay1/result" && m.Text.Contains("payload_too_large"), TimeSpan.FromSeconds(20), "the live one's refusal");
            _output.WriteLine("live: " + live.Text);
            Assert.Contains($"payload of {Oversize} bytes", live.Text);

            await AssertStillServing(board, probe, "big1");
        }
        finally
        {
            Show(board);
        }
    }

    [Fact]
    public async Task MalformedCommandsAreRefusedWithTheirCodes()
    {
        using var broker = MosquittoBroker.Start();
        await using var probe = await MqttProbe.ConnectAsync(broker.Host, broker.Port);
        await probe.SubscribeAsync("nanomqtt/bad1/#");
        using var board = NetBoardRun.Start(NanoToolchain.Find(), Path.Combine(AppContext.BaseDirectory, "net-board-bad1"),
            NetBoardOnNanoClr.TestConfig("bad1", broker.Endpoint), durationMs: 180_000);
        try
        {
            board.WaitFor(NetBoardFaults.Online, TimeSpan.FromSeconds(60), "state=online");
            var cases = new (byte[] Payload, string Topic, string Code)[]
            {
                (Encoding.UTF8.GetBytes("{\"id\":\"m1\",\"value\":"), "cmd/relay1", "malformed_json"),
                (new byte[] { 0x7B, 0xC3, 0x28, 0xFF, 0xFE, 0x7D }, "cmd/relay1", "bad_encoding"),
                (Encoding.UTF8.GetBytes("{\"value\":{\"deep\":[1,2]}}"), "cmd/relay1", "invalid_command"),
                (Encoding.UTF8.GetBytes("sideways"), "cmd/relay1", "invalid_value"),
                (Encoding.UTF8.GetBytes("interval climate -5q"), "cmd/device", "invalid_value"),
                (Encoding.UTF8.GetBytes("on"), "cmd/nosuch", "unknown_actuator"),
            };
            foreach (var (payload, topic, code) in cases)
            {
                probe.Clear();
                await probe.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("nanomqtt/bad1/" + topic)
                    .WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                var answer = await probe.WaitForAsync(m => m.Topic == $"nanomqtt/bad1/{topic}/result", TimeSpan.FromSeconds(10), "the answer to " + code);
                _output.WriteLine($"{topic} {BitConverter.ToString(payload.Take(12).ToArray())}: {answer.Text}");
                Assert.Contains($"\"ok\":false,\"code\":\"{code}\"", answer.Text);
            }

            await AssertStillServing(board, probe, "bad1");
        }
        finally
        {
            Show(board);
        }
    }

    /// <summary>Online since the first connect (no reconnect), readings going on in sequence, and a good command obeyed.</summary>
    private async Task AssertStillServing(NetBoardRun board, MqttProbe probe, string id)
    {
        string stream = $"nanomqtt/{id}/telemetry/climate";
        int readings = probe.On(stream).Count;
        await probe.WaitUntilAsync(ms => ms.Count(m => m.Topic == stream) >= readings + 2, TimeSpan.FromSeconds(10), "readings after the bad input");
        await probe.PublishAsync($"nanomqtt/{id}/cmd/relay1", "{\"id\":\"good1\",\"value\":\"on\"}");
        var good = await probe.WaitForAsync(m => m.Topic == $"nanomqtt/{id}/cmd/relay1/result" && m.Text.Contains("\"id\":\"good1\""), TimeSpan.FromSeconds(10), "the good command's answer");
        Assert.Contains("\"ok\":true", good.Text);
        var states = board.Lines.Where(l => l.Contains(" state=", StringComparison.Ordinal)).ToArray();
        Assert.True(NetBoardFaults.Online(states.Last()), "the board left online: " + states.Last());
        Assert.Single(states, NetBoardFaults.Online);
        Assert.False(board.HasExited);
        var seqs = probe.On(stream).Select(m => TelemetryLedger.SeqOf(m.Payload)).ToArray();
        for (int i = 1; i < seqs.Length; i++)
        {
            Assert.Equal(seqs[i - 1] + 1, seqs[i]);
        }
    }

    private void Show(NetBoardRun board)
    {
        foreach (string line in board.Lines.Where(l => l.StartsWith("board:", StringComparison.Ordinal) && !l.Contains("heap_free", StringComparison.Ordinal)).Take(40))
        {
            _output.WriteLine(line);
        }
    }
}
