using System.Text.Json;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;
using Xunit;

namespace NanoMqtt.Tools.Tests;

/// <summary>
/// send, devices and watch against a real Mosquitto, with simulated devices running the core's FieldDevice
/// answering.
/// </summary>
public sealed class CommandLineTests : IClassFixture<MosquittoFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly MosquittoBroker _broker;

    public CommandLineTests(MosquittoFixture fixture)
    {
        _broker = fixture.Broker;
    }

    private async Task<SimFleet> FleetAsync(string prefix, params string[] ids)
    {
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync(prefix + "/+/status");
        var fleet = new SimFleet(DeviceCores.Default, threads: 2);
        var options = new SimConfigOptions { Prefix = prefix, BrokerHost = _broker.Host, BrokerPort = _broker.Port, Interval = TimeSpan.FromMilliseconds(200) };
        int seed = 1;
        foreach (string id in ids)
        {
            fleet.Add(id, SimConfig.Build(id, options), "", seed++);
        }

        fleet.Start();
        foreach (string id in ids)
        {
            await probe.WaitForAsync(prefix + "/" + id + "/status", "online", Wait);
        }

        return fleet;
    }

    [Fact]
    public async Task Send_exits_0_on_ok_2_on_an_error_answer_and_3_on_timeout()
    {
        await using SimFleet fleet = await FleetAsync("sendtest", "dev1");
        string b = _broker.Endpoint;

        CliRun ok = await CliHarness.Run("send", "dev1", "relay1", "on", "--broker", b, "--prefix", "sendtest");
        Assert.True(ok.ExitCode == ExitCodes.Ok, ok.ToString());
        Assert.Contains("dev1 relay1 on: ok", ok.Out);
        Assert.False(fleet.Devices[0].Hardware.Outputs[26].Level); // relay1 is active-low

        CliRun refused = await CliHarness.Run("send", "dev1", "relay1", "sideways", "--broker", b, "--prefix", "sendtest");
        Assert.True(refused.ExitCode == ExitCodes.CommandRefused, refused.ToString());
        Assert.Contains("invalid_value", refused.Err);

        CliRun duplicate = await CliHarness.Run("send", "dev1", "led", "on", "--id", "same-id", "--broker", b, "--prefix", "sendtest");
        Assert.Equal(ExitCodes.Ok, duplicate.ExitCode);
        CliRun again = await CliHarness.Run("send", "dev1", "led", "on", "--id", "same-id", "--broker", b, "--prefix", "sendtest");
        Assert.Equal(ExitCodes.CommandRefused, again.ExitCode);

        CliRun silent = await CliHarness.Run("send", "nobody", "relay1", "on", "--timeout", "300ms", "--broker", b, "--prefix", "sendtest");
        Assert.True(silent.ExitCode == ExitCodes.CommandTimeout, silent.ToString());
        Assert.Contains("may be offline", silent.Err);
        Assert.Contains("within its expiry of 60 s", silent.Err);
    }

    [Fact]
    public async Task Send_publishes_json_with_id_value_and_expiry_on_the_command_topic()
    {
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync("shape/devX/cmd/+");
        CliRun run = await CliHarness.Run("send", "devX", "led", "42", "--id", "abc", "--expires", "30s", "--timeout", "200ms", "--broker", _broker.Endpoint, "--prefix", "shape");
        Assert.Equal(ExitCodes.CommandTimeout, run.ExitCode);
        ProbeMessage m = await probe.WaitForAsync(x => x.Topic == "shape/devX/cmd/led", Wait);
        using JsonDocument doc = JsonDocument.Parse(m.Text);
        Assert.Equal("abc", doc.RootElement.GetProperty("id").GetString());
        Assert.Equal(42, doc.RootElement.GetProperty("value").GetInt32());
        long expires = doc.RootElement.GetProperty("expires").GetInt64();
        Assert.InRange(expires - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 25, 31);
        Assert.False(m.Retain);
    }

    [Fact]
    public async Task Devices_lists_online_devices_with_their_diag_then_offline_after_shutdown()
    {
        SimFleet fleet = await FleetAsync("devtest", "alpha", "beta");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync("devtest/+/diag");
        await probe.WaitUntilAsync(l => l.Select(m => m.Topic).Distinct().Count() == 2, Wait, "diag of both devices");

        CliRun json = await CliHarness.Run("devices", "--json", "--broker", _broker.Endpoint, "--prefix", "devtest");
        Assert.True(json.ExitCode == 0, json.ToString());
        using (JsonDocument doc = JsonDocument.Parse(json.Out))
        {
            var rows = doc.RootElement.EnumerateArray().ToArray();
            Assert.Equal(new[] { "alpha", "beta" }, rows.Select(r => r.GetProperty("id").GetString()));
            Assert.All(rows, r => Assert.Equal("online", r.GetProperty("status").GetString()));
            Assert.All(rows, r => Assert.Equal(-58, r.GetProperty("rssi").GetInt32()));
            Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("firmware").GetString())));
        }

        CliRun table = await CliHarness.Run("devices", "--broker", _broker.Endpoint, "--prefix", "devtest");
        Assert.Contains("alpha", table.Out);
        Assert.Contains("2 device(s), 2 online.", table.Out);

        await fleet.StopAsync(Wait);
        CliRun after = await CliHarness.Run("devices", "--json", "--broker", _broker.Endpoint, "--prefix", "devtest");
        using (JsonDocument doc = JsonDocument.Parse(after.Out))
        {
            Assert.All(doc.RootElement.EnumerateArray(), r => Assert.Equal("offline", r.GetProperty("status").GetString()));
        }
    }

    [Fact]
    public async Task Watch_reports_gaps_and_duplicates_per_stream()
    {
        var cli = new CliHarness();
        Task<CliRun> watching = cli.RunAsync(CancellationToken.None, "watch", "--duration", "3s", "--broker", _broker.Endpoint, "--prefix", "watchtest");
        await cli.WaitForOutputAsync("watching watchtest/+/telemetry/+", Wait);

        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        string t = "watchtest/d1/telemetry/temp";
        foreach (int seq in new[] { 1, 2, 3, 6, 6, 7 })
        {
            await probe.PublishAsync(t, "{\"v\":21.37,\"seq\":" + seq + ",\"t\":1764070000}");
        }

        // A sensor with several quantities: one message, one sequence, per sample.
        await probe.PublishAsync("watchtest/d2/telemetry/climate", "{\"temperature\":21.37,\"humidity\":45.3,\"seq\":5}");
        await probe.PublishAsync("watchtest/d2/telemetry/climate", "{\"temperature\":21.4,\"humidity\":45.3,\"seq\":6}");
        await cli.WaitForOutputAsync("d2/climate  temperature 21.4  humidity 45.3  seq 6", Wait);

        CliRun run = await watching;
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("d1/temp  21.37  seq 1", run.Out);
        Assert.Contains("GAP d1/temp: missing seq 4-5 (2)", run.Out);
        Assert.Contains("DUPLICATE d1/temp: seq 6", run.Out);
        Assert.DoesNotContain("GAP d2/climate", run.Out);
        Assert.Matches(@"total: 8 received, 2 missing, 1 duplicates", run.Out);
    }
}
