using System.Diagnostics;
using NanoMqtt.Brokers.Tests.Brokers;
using NanoMqtt.Brokers.Tests.Support;
using NanoMqtt.Core.Device;
using NanoMqtt.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NanoMqtt.Brokers.Tests;

/// <summary>
/// The scenarios every supported broker must pass with the firmware's defaults, each with a real
/// FieldDevice (the board's composition root) speaking MQTT over TCP to the broker. A derived class per
/// broker runs them all; the broker's fixture starts it on loopback for that class.
/// </summary>
public abstract class CompatibilityScenarios<TBroker> where TBroker : BrokerFixture
{
    private static readonly TimeSpan T = Wait.Long;

    protected CompatibilityScenarios(TBroker broker, ITestOutputHelper output)
    {
        Broker = broker;
        Output = output;
    }

    protected TBroker Broker { get; }
    protected ITestOutputHelper Output { get; }

    private static string NewPrefix(string scenario) => scenario + Guid.NewGuid().ToString("N")[..6];

    private DeviceSetup Setup(string prefix) => new DeviceSetup { Prefix = prefix, Brokers = new[] { Broker.Endpoint } };

    private Task<MqttProbe> ProbeAsync() => MqttProbe.ConnectAsync(Broker.Host, Broker.Port);

    [Fact]
    public async Task Birth_and_will_leave_the_right_retained_status()
    {
        string prefix = NewPrefix("bw");
        string status = prefix + "/dev1/status";
        await using MqttProbe probe = await ProbeAsync();
        await probe.SubscribeAsync(status);
        await using var rig = new DeviceRig();
        rig.Add("dev1", Setup(prefix));
        rig.Start();

        await probe.WaitForAsync(status, "online", T);
        await ExpectRetainedAsync(status, "online");

        // Wi-Fi drops: the link is aborted without DISCONNECT, so the broker publishes the will.
        probe.Clear();
        var watch = Stopwatch.StartNew();
        rig.NetworkDown("dev1");
        await probe.WaitForAsync(status, "offline", T);
        long willMs = watch.ElapsedMilliseconds;
        await ExpectRetainedAsync(status, "offline");

        rig.NetworkUp("dev1");
        await probe.WaitForAsync(status, "online", T);
        await ExpectRetainedAsync(status, "online");

        // A planned stop publishes "offline" itself (retained) before its DISCONNECT.
        await rig.StopAsync();
        await ExpectRetainedAsync(status, "offline");
        Output.WriteLine(Broker.Name + ": will delivered " + willMs + " ms after the link was aborted");
    }

    [Fact]
    public async Task Actuator_state_and_diag_are_retained_for_late_subscribers()
    {
        string prefix = NewPrefix("rs");
        await using MqttProbe probe = await ProbeAsync();
        await probe.SubscribeAsync(prefix + "/dev1/cmd/+/result");
        await using var rig = new DeviceRig();
        rig.Add("dev1", Setup(prefix));
        rig.Start();
        await rig.WaitOnlineAsync("dev1", T);

        await probe.PublishAsync(prefix + "/dev1/cmd/relay1", "{\"id\":\"s1\",\"value\":\"on\"}");
        ProbeMessage result = await probe.WaitForAsync(m => m.Text.Contains("\"s1\""), T, "the answer to s1");
        Assert.Contains("\"ok\":true", result.Text);

        await using MqttProbe late = await ProbeAsync();
        // Exact topics: RabbitMQ 3.10 sends retained messages only to those (BrokerFacts).
        await late.SubscribeAsync(prefix + "/dev1/state/relay1");
        await late.SubscribeAsync(prefix + "/dev1/diag");
        ProbeMessage state = await late.WaitForAsync(prefix + "/dev1/state/relay1", "on", T);
        Assert.True(state.Retain, "state/relay1 must arrive as a retained message");
        ProbeMessage diag = await late.WaitForAsync(m => m.Topic == prefix + "/dev1/diag", T, "retained diag");
        Assert.True(diag.Retain);
        Assert.Contains("\"uptime", diag.Text);
    }

    [Fact]
    public async Task Persistent_session_delivers_commands_sent_while_the_device_was_offline()
    {
        string prefix = NewPrefix("ps");
        await using MqttProbe probe = await ProbeAsync();
        await probe.SubscribeAsync(prefix + "/dev1/cmd/+/result");
        await probe.SubscribeAsync(prefix + "/dev1/status");
        await using var rig = new DeviceRig();
        rig.Add("dev1", Setup(prefix));
        rig.Start();
        await rig.WaitOnlineAsync("dev1", T);

        probe.Clear();
        rig.NetworkDown("dev1");
        // The will proves that the broker has seen the device go: from here on only the session holds commands.
        await probe.WaitForAsync(prefix + "/dev1/status", "offline", T);
        await probe.PublishAsync(prefix + "/dev1/cmd/relay1", "{\"id\":\"q1\",\"value\":\"on\"}");
        await probe.PublishAsync(prefix + "/dev1/cmd/relay1", "{\"id\":\"q2\",\"value\":\"toggle\"}");

        rig.NetworkUp("dev1");
        ProbeMessage q1 = await probe.WaitForAsync(m => m.Text.Contains("\"q1\""), T, "the answer to q1");
        ProbeMessage q2 = await probe.WaitForAsync(m => m.Text.Contains("\"q2\""), T, "the answer to q2");
        Assert.Contains("\"state\":\"on\"", q1.Text);
        Assert.Contains("\"state\":\"off\"", q2.Text); // in order: on, then toggled off
        FieldDevice device = rig.Device("dev1");
        Assert.True(device.Supervisor.SessionPresent, "the broker must report the kept session");
        Assert.Equal(2, device.Commands.Applied);
    }

    [Fact]
    public async Task Qos1_telemetry_queued_offline_drains_in_order_without_loss()
    {
        string prefix = NewPrefix("tq");
        await using MqttProbe probe = await ProbeAsync();
        await probe.SubscribeAsync(prefix + "/+/telemetry/#");
        await using var rig = new DeviceRig();
        rig.Add("dev1", Setup(prefix));
        rig.Start();
        await rig.WaitOnlineAsync("dev1", T);
        await probe.WaitUntilAsync(l => l.Count >= 6, T, "telemetry before the outage");

        rig.NetworkDown("dev1");
        FieldDevice device = rig.Device("dev1");
        await Wait.UntilAsync(() => device.Supervisor.Outbox.Count >= 24, T, () => "24 readings queued (" + device.Supervisor.Outbox.Count + ")");
        int seenBefore = TelemetryLedger.Of(probe.Messages, prefix).DistinctOf("dev1");
        int queued = device.Supervisor.Outbox.Count;
        rig.NetworkUp("dev1");

        await Wait.UntilAsync(
            () => TelemetryLedger.Of(probe.Messages, prefix).DistinctOf("dev1") >= seenBefore + queued && device.Supervisor.Outbox.Count < 4,
            T, () => "the drain of " + queued + " readings");
        IReadOnlyList<StreamReport> report = TelemetryLedger.Of(probe.Messages, prefix).Streams;
        foreach (StreamReport r in report)
        {
            Output.WriteLine(r.ToString());
        }

        // One stream: the BME280 sends its three quantities in one message on telemetry/climate.
        Assert.Single(report);
        Assert.All(report, r => Assert.Empty(r.Missing));
        Assert.All(report, r => Assert.Equal(0, r.OutOfOrder));
        Assert.Equal(0, device.Supervisor.Outbox.Dropped);
    }

    [Fact]
    public async Task Outbox_overflow_loses_only_what_it_dropped_and_counted()
    {
        string prefix = NewPrefix("ov");
        await using MqttProbe probe = await ProbeAsync();
        await probe.SubscribeAsync(prefix + "/+/telemetry/#");
        await using var rig = new DeviceRig();
        DeviceSetup setup = Setup(prefix);
        setup.OutboxMessages = 12;
        rig.Add("dev1", setup);
        rig.Start();
        await rig.WaitOnlineAsync("dev1", T);
        await probe.WaitUntilAsync(l => l.Count >= 3, T, "telemetry before the outage");

        rig.NetworkDown("dev1");
        FieldDevice device = rig.Device("dev1");
        await Wait.UntilAsync(() => device.Supervisor.Outbox.Dropped >= 9, T, () => "9 readings dropped (" + device.Supervisor.Outbox.Dropped + ")");
        int seenBefore = TelemetryLedger.Of(probe.Messages, prefix).DistinctOf("dev1");
        rig.NetworkUp("dev1");
        await Wait.UntilAsync(
            () => TelemetryLedger.Of(probe.Messages, prefix).DistinctOf("dev1") >= seenBefore + 12 && device.Supervisor.Outbox.Count < 4,
            T, () => "the drain of the 12 kept readings");

        long dropped = device.Supervisor.Outbox.Dropped;
        IReadOnlyList<StreamReport> report = TelemetryLedger.Of(probe.Messages, prefix).Streams;
        int missing = report.Sum(r => r.Missing.Count);
        Output.WriteLine(Broker.Name + ": dropped " + dropped + ", missing " + missing + "; " + string.Join("; ", report));
        // Every lost reading is one the outbox dropped (oldest first) and counted; a message in flight at
        // the cut may have reached the broker before it was requeued and dropped, hence the range.
        Assert.InRange(missing, Math.Max(1, dropped - 8), dropped);
        Assert.All(report, r => Assert.Equal(0, r.OutOfOrder));
    }

    private async Task ExpectRetainedAsync(string topic, string text)
    {
        await using MqttProbe late = await ProbeAsync();
        await late.SubscribeAsync(topic);
        ProbeMessage m = await late.WaitForAsync(x => x.Topic == topic, T, "the retained " + topic);
        Assert.Equal(text, m.Text);
        Assert.True(m.Retain, topic + " must arrive as a retained message");
    }
}

[Collection("Mosquitto")]
public sealed class MosquittoCompatibility : CompatibilityScenarios<MosquittoFixture>
{
    public MosquittoCompatibility(MosquittoFixture broker, ITestOutputHelper output) : base(broker, output)
    {
    }
}

[Collection("Embedded broker")]
public sealed class EmbeddedBrokerCompatibility : CompatibilityScenarios<EmbeddedBrokerFixture>
{
    public EmbeddedBrokerCompatibility(EmbeddedBrokerFixture broker, ITestOutputHelper output) : base(broker, output)
    {
    }
}

[Collection("RabbitMQ")]
public sealed class RabbitMqCompatibility : CompatibilityScenarios<RabbitMqFixture>
{
    public RabbitMqCompatibility(RabbitMqFixture broker, ITestOutputHelper output) : base(broker, output)
    {
    }
}
