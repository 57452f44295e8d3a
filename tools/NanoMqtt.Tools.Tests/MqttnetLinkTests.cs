using System.Text;
using NanoMqtt.Core.Connection;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;
using Xunit;

namespace NanoMqtt.Tools.Tests;

public sealed class MqttnetLinkTests : IClassFixture<MosquittoFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly MosquittoBroker _broker;

    public MqttnetLinkTests(MosquittoFixture fixture)
    {
        _broker = fixture.Broker;
    }

    private static int Publish(MqttnetLink link, string topic, byte[] payload, int qos, bool retain, byte[] correlationData) =>
        link.Publish(topic, payload, 0, payload.Length, qos, retain, correlationData);

    [Fact]
    public async Task Connects_and_a_qos1_publish_is_acked_with_its_packet_id_and_delivered()
    {
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync("nanomqtt/link1/#");
        using var link = new MqttnetLink();
        var events = new LinkEvents(link);

        Assert.Equal(-1, Publish(link, "nanomqtt/link1/x", new byte[] { 1 }, 1, false, null));
        link.BeginConnect(Req.To(_broker, "link1"));
        LinkEvent connected = await events.NextAsync(Wait);
        Assert.Equal(LinkEventKind.Connected, connected.Kind);

        int id = Publish(link, "nanomqtt/link1/telemetry/t", Encoding.UTF8.GetBytes("{\"v\":1,\"seq\":1}"), 1, false, null);
        Assert.True(id > 0);
        LinkEvent acked = await events.NextAsync(LinkEventKind.PublishAcked, Wait);
        Assert.Equal(id, acked.PacketId);
        await probe.WaitForAsync("nanomqtt/link1/telemetry/t", "{\"v\":1,\"seq\":1}", Wait);
        Assert.Equal(0, Publish(link, "nanomqtt/link1/q0", new byte[] { 2 }, 0, false, null));
    }

    [Fact]
    public async Task Abort_drops_the_connection_so_the_broker_publishes_the_will_but_Disconnect_does_not()
    {
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync("nanomqtt/+/status");

        using var aborted = new MqttnetLink();
        var a = new LinkEvents(aborted);
        aborted.BeginConnect(Req.To(_broker, "link-abort"));
        Assert.Equal(LinkEventKind.Connected, (await a.NextAsync(Wait)).Kind);
        aborted.Abort();
        await probe.WaitForAsync("nanomqtt/link-abort/status", "offline", Wait);

        using var clean = new MqttnetLink();
        var c = new LinkEvents(clean);
        clean.BeginConnect(Req.To(_broker, "link-clean"));
        Assert.Equal(LinkEventKind.Connected, (await c.NextAsync(Wait)).Kind);
        Publish(clean, "nanomqtt/link-clean/status", Encoding.UTF8.GetBytes("online"), 1, true, null);
        clean.Disconnect();
        await clean.WhenClosedAsync();
        // A marker published after the clean disconnect: once it arrives, a will would have arrived too.
        await probe.PublishAsync("nanomqtt/marker/status", "done");
        await probe.WaitForAsync("nanomqtt/marker/status", "done", Wait);
        Assert.DoesNotContain(probe.On("nanomqtt/link-clean/status"), m => m.Text == "offline");
        Assert.Contains(probe.On("nanomqtt/link-clean/status"), m => m.Text == "online");
    }

    [Fact]
    public async Task Receives_subscribed_messages_with_their_retain_flag()
    {
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.PublishAsync("nanomqtt/link-sub/cmd/relay1", "on", 1, retain: true);
        using var link = new MqttnetLink();
        var events = new LinkEvents(link);
        link.BeginConnect(Req.To(_broker, "link-sub"));
        await events.NextAsync(LinkEventKind.Connected, Wait);
        Assert.True(link.Subscribe(new[] { "nanomqtt/link-sub/cmd/+" }, new[] { 1 }));
        await events.NextAsync(LinkEventKind.Subscribed, Wait);
        LinkEvent retained = await events.NextAsync(LinkEventKind.MessageReceived, Wait);
        Assert.True(retained.Retain);
        Assert.Equal("on", Encoding.UTF8.GetString(retained.Payload));

        await probe.PublishAsync("nanomqtt/link-sub/cmd/led", "toggle");
        LinkEvent live = await events.NextAsync(LinkEventKind.MessageReceived, Wait);
        Assert.False(live.Retain);
        Assert.Equal("nanomqtt/link-sub/cmd/led", live.Topic);
        await probe.PublishAsync("nanomqtt/link-sub/cmd/relay1", "", 1, retain: true);
    }

    [Fact]
    public async Task Mqtt5_carries_response_topic_and_correlation_data_both_ways()
    {
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port, v5: true);
        await probe.SubscribeAsync("reply/v5");
        using var link = new MqttnetLink();
        var events = new LinkEvents(link);
        link.BeginConnect(Req.To(_broker, "link-v5", protocol: 5));
        await events.NextAsync(LinkEventKind.Connected, Wait);
        link.Subscribe(new[] { "nanomqtt/link-v5/cmd/+" }, new[] { 1 });
        await events.NextAsync(LinkEventKind.Subscribed, Wait);

        await probe.Client.PublishAsync(new MQTTnet.MqttApplicationMessageBuilder().WithTopic("nanomqtt/link-v5/cmd/led").WithPayload("on")
            .WithResponseTopic("reply/v5").WithCorrelationData(new byte[] { 7, 8 }).Build());
        LinkEvent command = await events.NextAsync(LinkEventKind.MessageReceived, Wait);
        Assert.Equal("reply/v5", command.ResponseTopic);
        Assert.Equal(new byte[] { 7, 8 }, command.CorrelationData);

        Assert.True(Publish(link, command.ResponseTopic, Encoding.UTF8.GetBytes("ok"), 1, false, command.CorrelationData) > 0);
        await probe.WaitForAsync("reply/v5", "ok", Wait);
    }

    [Fact]
    public async Task A_closed_port_is_Refused()
    {
        using var link = new MqttnetLink();
        var events = new LinkEvents(link);
        var request = Req.To(_broker, "link-refused");
        request.Port = MosquittoBroker.FreePort();
        link.BeginConnect(request);
        LinkEvent e = await events.NextAsync(Wait);
        Assert.Equal(LinkEventKind.ConnectFailed, e.Kind);
        Assert.Equal(LinkFailure.Refused, e.Failure);
    }

    [Fact]
    public async Task A_broker_that_goes_away_is_ConnectionLost()
    {
        using MosquittoBroker own = MosquittoBroker.Start();
        using var link = new MqttnetLink();
        var events = new LinkEvents(link);
        link.BeginConnect(Req.To(own, "link-lost"));
        await events.NextAsync(LinkEventKind.Connected, Wait);
        own.Stop(kill: true);
        LinkEvent lost = await events.NextAsync(LinkEventKind.ConnectionLost, Wait);
        Assert.Equal(LinkFailure.ConnectionClosed, lost.Failure);
        Assert.False(link.IsConnected);
    }
}
