using System.Text.Json;
using NanoMqtt.Testing;
using Xunit;

namespace NanoMqtt.Tools.Tests;

public sealed class FleetCommandTests : IClassFixture<MosquittoFixture>
{
    private readonly MosquittoBroker _broker;

    public FleetCommandTests(MosquittoFixture fixture)
    {
        _broker = fixture.Broker;
    }

    [Fact]
    public async Task Simulate_runs_a_fleet_publishes_offline_on_the_way_out_and_prints_a_json_summary()
    {
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync("simtest/+/status");
        CliRun run = await CliHarness.Run("simulate", "--devices", "5", "--interval", "200ms", "--duration", "2s", "--json",
            "--broker", _broker.Endpoint, "--prefix", "simtest", "--id-prefix", "s");
        Assert.True(run.ExitCode == 0, run.ToString());
        using JsonDocument doc = JsonDocument.Parse(run.Out);
        JsonElement devices = doc.RootElement.GetProperty("devices");
        Assert.Equal(5, devices.GetArrayLength());
        Assert.All(devices.EnumerateArray(), d => Assert.True(d.GetProperty("published").GetInt64() > 0));
        Assert.All(devices.EnumerateArray(), d => Assert.True(d.GetProperty("acknowledged").GetInt64() > 0));
        Assert.True(doc.RootElement.GetProperty("totals").GetProperty("published").GetInt64() >= 5);
        Assert.Equal(5, doc.RootElement.GetProperty("totals").GetProperty("online_before_stop").GetInt32());
        for (int i = 1; i <= 5; i++)
        {
            await probe.WaitForAsync("simtest/s" + i + "/status", "offline", TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task Demo_runs_on_its_embedded_broker_shows_readings_and_a_command_round_trip_and_exits_0()
    {
        int port = MosquittoBroker.FreePort();
        CliRun run = await CliHarness.Run("demo", "--duration", "4", "--port", port.ToString(), "--devices", "2");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("mosquitto_sub -h 127.0.0.1 -p " + port, run.Out);
        Assert.Contains("humidity", run.Out);
        Assert.Contains("send demo1 relay1 toggle -> ok", run.Out);
        Assert.Contains("2/2 device(s) seen, 2 published offline", run.Out);
    }

    [Fact]
    public async Task Ctrl_C_stops_simulate_cleanly_and_every_device_publishes_offline()
    {
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync("ctrlc/+/status");
        using var ctrlC = new CancellationTokenSource();
        var cli = new CliHarness();
        Task<CliRun> running = cli.RunAsync(ctrlC.Token, "simulate", "--devices", "3", "--broker", _broker.Endpoint, "--prefix", "ctrlc");
        for (int i = 1; i <= 3; i++)
        {
            await probe.WaitForAsync("ctrlc/sim" + i + "/status", "online", TimeSpan.FromSeconds(10));
        }

        ctrlC.Cancel();
        CliRun run = await running;
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("All devices published offline", run.Out);
        for (int i = 1; i <= 3; i++)
        {
            await probe.WaitForAsync("ctrlc/sim" + i + "/status", "offline", TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task A_reboot_command_restarts_the_simulated_device_which_comes_back_online()
    {
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync("reboot/+/status");
        await using var fleet = new NanoMqtt.Simulation.SimFleet(DeviceCores.Default, threads: 1);
        var options = new NanoMqtt.Simulation.SimConfigOptions { Prefix = "reboot", BrokerHost = _broker.Host, BrokerPort = _broker.Port };
        var device = fleet.Add("r1", NanoMqtt.Simulation.SimConfig.Build("r1", options), "", 7);
        fleet.Start();
        await probe.WaitForAsync("reboot/r1/status", "online", TimeSpan.FromSeconds(10));

        CliRun run = await CliHarness.Run("send", "r1", "device", "reboot", "--broker", _broker.Endpoint, "--prefix", "reboot");
        Assert.True(run.ExitCode == 0, run.ToString());
        await probe.WaitUntilAsync(l => l.Count(m => m.Topic == "reboot/r1/status" && m.Text == "online") >= 2, TimeSpan.FromSeconds(15), "online after the reboot");
        Assert.Equal(2, device.Boots);
        Assert.Equal(1, device.Platform.Reboots);
        Assert.Equal("software", device.Platform.HardwareResetReason);
    }
}
