using System.Collections;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Sleep;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;
using Xunit;

namespace NanoMqtt.Tools.Tests;

/// <summary>
/// Battery mode ([power] mode = sleep) of simulated FieldDevices against a real Mosquitto. The config is
/// one nf.config accepts (interval 10 s, awake_max 5 s); the simulated deep sleep is capped at 1.5 s so
/// that a test sees several wakes in a few seconds.
/// </summary>
public sealed class SleepSimulationTests : IClassFixture<MosquittoFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(25);
    private readonly MosquittoBroker _broker;

    public SleepSimulationTests(MosquittoFixture fixture)
    {
        _broker = fixture.Broker;
    }

    [Fact]
    public async Task Each_wake_ends_with_sleeping_on_the_status_topic_and_the_views_say_asleep()
    {
        const string prefix = "sleepcycle";
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync(prefix + "/s1/status");
        await using var fleet = new SimFleet(FieldDeviceCore.Create, threads: 1);
        SimulatedDevice device = Add(fleet, prefix, "s1");
        fleet.Start();

        // Two whole wakes: online, sleeping, online, sleeping.
        await probe.WaitUntilAsync(l => Statuses(l).Count(s => s == "sleeping") >= 2, Wait, "two wakes");
        string[] statuses = Statuses(probe.Messages).ToArray();
        Assert.Equal(new[] { "online", "sleeping", "online", "sleeping" }, statuses.Take(4));
        Assert.DoesNotContain("offline", statuses);
        Assert.True(device.Boots >= 2);

        // The probe may see "sleeping" before the device has taken its PUBACK and gone to sleep.
        await WaitUntil(() => device.IsAsleep, "the device asleep");
        Assert.True(device.Sleeper.Sleeps >= 2);
        // The core asked for the rest of the 10 s interval; the simulator capped it.
        Assert.InRange(device.Sleeper.LastRequestedMs, 1000, 10_000);
        DeviceCounters c = device.Counters;
        Assert.True(c.Asleep);
        Assert.False(c.Online);
        Assert.Equal("asleep", FleetViews.StateOf(device, c));
        // Counters carry over the wakes: readings of the first wake are still counted.
        Assert.True(c.Published > 0 && c.Acknowledged > 0);
        Assert.Contains("asleep", FleetViews.SummaryJson(fleet.Devices, TimeSpan.FromSeconds(1), _broker.Endpoint, fleet.Host, 0, 1));
        Assert.Equal("deep_sleep", device.Platform.HardwareResetReason);
    }

    [Fact]
    public async Task A_device_killed_while_awake_reads_offline_through_its_will()
    {
        const string prefix = "sleepwill";
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync(prefix + "/s2/status");
        var fleet = new SimFleet(FieldDeviceCore.Create, threads: 1);
        SimulatedDevice device = Add(fleet, prefix, "s2");
        fleet.Start();

        // One whole wake first, then power is cut during the next one, between its birth and its "sleeping".
        await probe.WaitForAsync(prefix + "/s2/status", "sleeping", Wait);
        // The broker must have the second birth: the link may still hold it when the device counts itself online.
        await probe.WaitUntilAsync(l => Statuses(l).Count(s => s == "online") >= 2, Wait, "the second wake's birth");
        await WaitUntil(() => !device.IsAsleep && device.Counters.Online, "the second wake online");
        await fleet.Host.StopAsync(shutdownDevices: false);
        device.Link.Abort();

        await probe.WaitUntilAsync(l => Statuses(l).LastOrDefault() == "offline", Wait, "the will");
        Assert.Equal(new[] { "online", "sleeping", "online", "offline" }, Statuses(probe.Messages).Take(4));
        await fleet.DisposeAsync();
    }

    [Fact]
    public async Task Readings_taken_while_the_broker_is_down_are_delivered_at_a_later_wake()
    {
        const string prefix = "sleepkept";
        await using var fleet = new SimFleet(FieldDeviceCore.Create, threads: 1);
        SimulatedDevice device = Add(fleet, prefix, "s3");
        await using (MqttProbe first = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port))
        {
            await first.SubscribeAsync(prefix + "/s3/status");
            fleet.Start();
            await first.WaitForAsync(prefix + "/s3/status", "sleeping", Wait);
        }

        List<(string Topic, string Payload)> expected;
        try
        {
            await WaitUntil(() => device.IsAsleep, "the first sleep");
            _broker.Stop();
            // A whole wake without a broker: it gives up within awake_max and keeps its readings.
            int boots = device.Boots;
            await WaitUntil(() => device.Boots > boots && device.IsAsleep, "a wake without a broker");
            string kept = device.Settings.Read(SleepCycle.StoreKey);
            Assert.NotNull(kept);
            var messages = new ArrayList();
            Assert.True(KeptMessages.Decode(kept, 0, messages, out long dropped, out int bad));
            Assert.Equal(0, dropped);
            Assert.Equal(0, bad);
            var readings = messages.Cast<OutboxMessage>().Where(m => m.Topic.StartsWith(prefix + "/s3/telemetry/", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(readings);
            // Read while the device sleeps: a later wake without a broker only adds to the record.
            expected = KeptReadings(device);
        }
        finally
        {
            _broker.Restart();
        }

        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync(prefix + "/s3/#");
        // Each kept reading arrives, byte for byte, at a later wake; then the store is cleared.
        foreach (var (topic, payload) in expected)
        {
            await probe.WaitForAsync(m => m.Topic == topic && m.Text == payload, Wait, "the kept reading " + topic + " " + payload);
        }

        await probe.WaitForAsync(prefix + "/s3/status", "sleeping", Wait);
        await WaitUntil(() => device.IsAsleep, "the sleep after the delivery");
        Assert.Null(device.Settings.Read(SleepCycle.StoreKey));
    }

    [Fact]
    public async Task A_command_sent_while_the_device_sleeps_is_applied_at_its_next_wake()
    {
        const string prefix = "sleepcmd";
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync(prefix + "/s4/#");
        await using var fleet = new SimFleet(FieldDeviceCore.Create, threads: 1);
        SimulatedDevice device = Add(fleet, prefix, "s4", TimeSpan.FromSeconds(2));
        fleet.Start();

        // After one wake the broker holds the device's persistent session with its subscription.
        await probe.WaitForAsync(prefix + "/s4/status", "sleeping", Wait);
        await WaitUntil(() => device.IsAsleep, "the device asleep");
        int boots = device.Boots;
        await probe.PublishAsync(prefix + "/s4/cmd/relay1", "{\"id\":\"while-asleep\",\"value\":\"on\"}", qos: 1);
        Assert.True(device.IsAsleep && device.Boots == boots, "the command must reach the broker while the device sleeps");

        ProbeMessage result = await probe.WaitForAsync(m => m.Topic == prefix + "/s4/cmd/relay1/result" && m.Text.Contains("while-asleep", StringComparison.Ordinal), Wait, "the command's result");
        Assert.Contains("\"ok\":true", result.Text);
        Assert.True(device.Boots > boots, "applied at a later wake");
        await probe.WaitForAsync(prefix + "/s4/state/relay1", "on", Wait);
    }

    [Fact]
    public async Task Simulate_with_sleep_and_ha_discovery_runs_battery_devices_that_announce_themselves()
    {
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync("clisleep/+/status");
        await probe.SubscribeAsync("homeassistant/+/+/+/config");
        // The wakes take about a second; the 10 s interval keeps both devices asleep at the end.
        CliRun run = await CliHarness.Run("simulate", "--devices", "2", "--sleep", "10s", "--awake-max", "5s", "--ha-discovery",
            "--duration", "4s", "--json", "--broker", _broker.Endpoint, "--prefix", "clisleep", "--id-prefix", "b");
        Assert.True(run.ExitCode == 0, run.ToString());
        using System.Text.Json.JsonDocument doc = System.Text.Json.JsonDocument.Parse(run.Out);
        System.Text.Json.JsonElement totals = doc.RootElement.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("asleep_before_stop").GetInt32());
        Assert.All(doc.RootElement.GetProperty("devices").EnumerateArray(), d =>
        {
            Assert.Equal("asleep", d.GetProperty("state").GetString());
            Assert.True(d.GetProperty("acknowledged").GetInt64() > 0);
        });

        // Asleep, not offline; and each announced its entities, with availability on its own status topic.
        Assert.Equal("sleeping", probe.On("clisleep/b1/status").Last().Text);
        Assert.Equal("sleeping", probe.On("clisleep/b2/status").Last().Text);
        Assert.DoesNotContain(probe.Messages, m => m.Text == "offline");
        ProbeMessage config = probe.On("homeassistant/sensor/clisleep_b1/climate_temperature/config").FirstOrDefault();
        Assert.NotNull(config);
        Assert.Contains("\"~\":\"clisleep/b1\"", config.Text);
        Assert.Contains("\"avty_t\":\"~/status\"", config.Text);
        // Battery sensors expire after two missed wakes: 2 x 10 s + 5 s.
        Assert.Contains("\"exp_aft\":25", config.Text);
    }

    [Theory]
    [InlineData("--sleep", "2s")]
    [InlineData("--sleep", "10s", "--awake-max", "10s")]
    [InlineData("--sleep", "1m", "--awake-max", "2s")]
    [InlineData("--awake-max", "5s")]
    public async Task Simulate_refuses_sleep_settings_that_nf_config_would_refuse(params string[] args)
    {
        CliRun run = await CliHarness.Run(new[] { "simulate", "--devices", "1", "--broker", _broker.Endpoint }.Concat(args).ToArray());
        Assert.True(run.ExitCode == ExitCodes.BadArgument, run.ToString());
        Assert.Contains("--", run.Err);
    }

    private SimulatedDevice Add(SimFleet fleet, string prefix, string id, TimeSpan? maxSleep = null)
    {
        var o = new SimConfigOptions
        {
            Prefix = prefix,
            BrokerHost = _broker.Host,
            BrokerPort = _broker.Port,
            // A sensor interval of at least awake_max: one reading per wake.
            Interval = TimeSpan.FromSeconds(5),
            AllSensors = false,
            BackoffBase = TimeSpan.FromMilliseconds(200),
            BackoffCap = TimeSpan.FromSeconds(1),
            SleepInterval = TimeSpan.FromSeconds(10),
            AwakeMax = TimeSpan.FromSeconds(5)
        };
        SimulatedDevice device = fleet.Add(id, SimConfig.Build(id, o), "", 21, null);
        device.Sleeper.MaxSleep = maxSleep ?? TimeSpan.FromMilliseconds(1500);
        return device;
    }

    private static IEnumerable<string> Statuses(IReadOnlyList<ProbeMessage> messages)
    {
        return messages.Where(m => m.Topic.EndsWith("/status", StringComparison.Ordinal)).Select(m => m.Text);
    }

    /// <summary>The kept telemetry (topic, payload) in the device's settings store.</summary>
    private static List<(string Topic, string Payload)> KeptReadings(SimulatedDevice device)
    {
        var messages = new ArrayList();
        string kept = device.Settings.Read(SleepCycle.StoreKey);
        Assert.NotNull(kept);
        Assert.True(KeptMessages.Decode(kept, 0, messages, out _, out _));
        return messages.Cast<OutboxMessage>()
            .Where(m => m.Topic.Contains("/telemetry/", StringComparison.Ordinal))
            .Select(m => (m.Topic, System.Text.Encoding.UTF8.GetString(m.Buffer, m.PayloadOffset, m.PayloadLength)))
            .ToList();
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(10);
        }
    }
}
