using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using NanoMqtt.Brokers.Tests.Brokers;
using NanoMqtt.Brokers.Tests.Support;
using NanoMqtt.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NanoMqtt.Brokers.Tests;

/// <summary>
/// Where the brokers differ, measured with a plain MQTT client and checked against each fixture's
/// <see cref="BrokerTraits"/> (the table in docs/brokers.md). The firmware's defaults avoid every one
/// of these differences: MQTT 3.1.1, QoS 1, ids without '.'.
/// </summary>
public abstract class BrokerFacts<TBroker> where TBroker : BrokerFixture
{
    private static readonly TimeSpan T = TimeSpan.FromSeconds(30);

    protected BrokerFacts(TBroker broker, ITestOutputHelper output)
    {
        Broker = broker;
        Output = output;
    }

    protected TBroker Broker { get; }
    protected ITestOutputHelper Output { get; }

    [Fact]
    public async Task Mqtt5_connect_is_accepted_as_the_traits_say()
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer(Broker.Host, Broker.Port).WithClientId("facts-v5-" + Guid.NewGuid().ToString("N")[..6])
            .WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(10)).Build();
        bool accepted;
        string detail;
        try
        {
            MqttClientConnectResult result = await client.ConnectAsync(options);
            accepted = result.ResultCode == MqttClientConnectResultCode.Success;
            detail = result.ResultCode.ToString();
        }
        catch (Exception ex)
        {
            accepted = false;
            detail = ex.GetType().Name + ": " + ex.Message;
        }

        Output.WriteLine(Broker.Name + ": MQTT 5 CONNECT -> " + detail);
        Assert.Equal(Broker.Traits.Mqtt5, accepted);
    }

    [Fact]
    public async Task Qos2_is_granted_and_completed_as_the_traits_say()
    {
        string topic = "facts" + Guid.NewGuid().ToString("N")[..6] + "/q2";
        await using MqttProbe sub = await MqttProbe.ConnectAsync(Broker.Host, Broker.Port);
        MqttClientSubscribeResult granted = await sub.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(topic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.ExactlyOnce)).Build());
        int grantedQos = (int)granted.Items.First().ResultCode;
        Output.WriteLine(Broker.Name + ": SUBSCRIBE QoS 2 -> " + granted.Items.First().ResultCode);
        Assert.Equal(Broker.Traits.GrantedForQos2, grantedQos);

        using IMqttClient pub = new MqttClientFactory().CreateMqttClient();
        await pub.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(Broker.Host, Broker.Port).WithClientId("facts-q2-" + Guid.NewGuid().ToString("N")[..6])
            .WithProtocolVersion(MqttProtocolVersion.V311).WithTimeout(TimeSpan.FromSeconds(10)).Build());
        string outcome;
        bool completed;
        try
        {
            // Bounded: MQTTnet waits for a PUBREC that a broker answering PUBACK never sends.
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            MqttClientPublishResult r = await pub.PublishStringAsync(topic, "two", MqttQualityOfServiceLevel.ExactlyOnce, false, cts.Token);
            completed = r.IsSuccess;
            outcome = "PUBCOMP " + r.ReasonCode;
        }
        catch (Exception ex)
        {
            completed = false;
            outcome = ex.GetType().Name + ": " + ex.Message;
        }

        Output.WriteLine(Broker.Name + ": PUBLISH QoS 2 -> " + outcome + "; client connected afterwards: " + pub.IsConnected);
        Assert.Equal(Broker.Traits.Qos2Handshake, completed);

        // Whatever the handshake did, the message itself reaches the subscriber, at the granted QoS.
        ProbeMessage m = await sub.WaitForAsync(topic, "two", T);
        Assert.Equal(Broker.Traits.GrantedForQos2, m.Qos);
    }

    [Fact]
    public async Task Dots_in_topic_levels_are_kept_as_the_traits_say()
    {
        string prefix = "facts" + Guid.NewGuid().ToString("N")[..6];
        await using MqttProbe sub = await MqttProbe.ConnectAsync(Broker.Host, Broker.Port);
        await sub.SubscribeAsync(prefix + "/#");
        await sub.PublishAsync(prefix + "/green.house/status", "dotted");
        ProbeMessage m = await sub.WaitForAsync(x => x.Text == "dotted", T, "the dotted message");
        Output.WriteLine(Broker.Name + ": published on " + prefix + "/green.house/status, received on " + m.Topic);
        Assert.Equal(Broker.Traits.DotsKept, m.Topic == prefix + "/green.house/status");
    }

    [Fact]
    public async Task Retained_messages_reach_wildcard_subscriptions_as_the_traits_say()
    {
        string prefix = "facts" + Guid.NewGuid().ToString("N")[..6];
        await using (MqttProbe pub = await MqttProbe.ConnectAsync(Broker.Host, Broker.Port))
        {
            await pub.PublishAsync(prefix + "/dev1/status", "online", retain: true);
        }

        // The exact topic first: it proves the message is stored, so a miss below is the wildcard's.
        await using MqttProbe exact = await MqttProbe.ConnectAsync(Broker.Host, Broker.Port);
        await exact.SubscribeAsync(prefix + "/dev1/status");
        Assert.True((await exact.WaitForAsync(prefix + "/dev1/status", "online", T)).Retain);

        await using MqttProbe wild = await MqttProbe.ConnectAsync(Broker.Host, Broker.Port);
        await wild.SubscribeAsync(prefix + "/+/status");
        // A marker published after the subscription: once it arrives, any retained message would have come first.
        await exact.PublishAsync(prefix + "/dev2/status", "marker");
        await wild.WaitForAsync(prefix + "/dev2/status", "marker", T);
        bool got = wild.On(prefix + "/dev1/status").Any(m => m.Text == "online");
        Output.WriteLine(Broker.Name + ": retained message for " + prefix + "/+/status: " + (got ? "delivered" : "not delivered"));
        Assert.Equal(Broker.Traits.RetainedForWildcards, got);
    }
}

[Collection("Mosquitto")]
public sealed class MosquittoFacts : BrokerFacts<MosquittoFixture>
{
    public MosquittoFacts(MosquittoFixture broker, ITestOutputHelper output) : base(broker, output)
    {
    }
}

[Collection("Embedded broker")]
public sealed class EmbeddedBrokerFacts : BrokerFacts<EmbeddedBrokerFixture>
{
    public EmbeddedBrokerFacts(EmbeddedBrokerFixture broker, ITestOutputHelper output) : base(broker, output)
    {
    }
}

[Collection("RabbitMQ")]
public sealed class RabbitMqFacts : BrokerFacts<RabbitMqFixture>
{
    public RabbitMqFacts(RabbitMqFixture broker, ITestOutputHelper output) : base(broker, output)
    {
    }
}
