namespace NanoMqtt.Reliability.Tests;

/// <summary>
/// A retained 256 KB message on a command topic, delivered by a real Mosquitto at every subscribe. On a
/// board, M2Mqtt allocates about twice an inbound packet; the device must neither copy it further nor
/// lose its session over it, and must say what it refused.
/// </summary>
public sealed class OversizeRetainedTests(ITestOutputHelper output)
{
    private const int Size = 256 * 1024;

    [Fact]
    public async Task Mqtt311_a_retained_256KB_command_is_refused_by_its_length_and_reported()
    {
        await using FaultScenario scenario = await RetainedForAsync("big311");
        (MosquittoBroker broker, _, MqttProbe ops) = scenario;
        Rig rig = scenario.Own(new Rig());
        RigDevice d = rig.Add("big311", new RigConfig { Port = broker.Port, Interval = "500ms" }, seed: 1100);
        rig.Start();
        await Eventually.Until(() => d.IsOnline, Drain.Long, "the device online");
        ProbeMessage answer = await ops.WaitForAsync(m => m.Topic == "nanomqtt/big311/cmd/relay1/result", Drain.Long, "the refusal");

        // Some seconds online with it: a device that choked would drop the session and get it again.
        await Task.Delay(3000);
        await NormalCommandAnsweredAsync(ops, "big311");

        output.WriteLine("answer: " + answer.Text + "; reconnects " + d.Supervisor.Stats.Reconnects + "; oversize inbound " + d.Core.Link.OversizeInbound);
        Assert.StartsWith("{\"ok\":false,\"code\":\"retained\"", answer.Text);
        Assert.Equal(1, d.Core.Link.OversizeInbound);
        Assert.Equal(0, d.Supervisor.Stats.Reconnects);
        Assert.True(d.IsOnline);
        Assert.Equal(1, d.Device.Commands.Applied);
        Assert.Equal(1, d.Device.Commands.Refused);
    }

    [Fact]
    public async Task Mqtt5_the_broker_keeps_a_retained_256KB_command_from_the_device()
    {
        await using FaultScenario scenario = await RetainedForAsync("big5");
        (MosquittoBroker broker, _, MqttProbe ops) = scenario;
        Rig rig = scenario.Own(new Rig());
        RigDevice d = rig.Add("big5", new RigConfig { Port = broker.Port, Interval = "500ms", Protocol = 5 }, seed: 1101);
        rig.Start();
        await Eventually.Until(() => d.IsOnline, Drain.Long, "the device online");
        await Task.Delay(3000);
        await NormalCommandAnsweredAsync(ops, "big5");

        // CONNECT carried Maximum Packet Size (max_payload 256 + 1024): Mosquitto drops the larger message.
        Assert.Equal(0, d.Core.Link.OversizeInbound);
        Assert.Equal(1, d.Device.Commands.Received);
        Assert.Equal(0, d.Supervisor.Stats.Reconnects);
        Assert.True(d.IsOnline);
    }

    /// <summary>Mosquitto holding the 256 KB command retained for the device, and an operator probe on its topics.</summary>
    private static async Task<FaultScenario> RetainedForAsync(string id)
    {
        FaultScenario scenario = await FaultScenario.StartAsync(null, "nanomqtt/" + id + "/#");
        try
        {
            await scenario.Probe.PublishAsync("nanomqtt/" + id + "/cmd/relay1", new string('x', Size), qos: 1, retain: true);
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    private static async Task NormalCommandAnsweredAsync(MqttProbe ops, string id)
    {
        await ops.PublishAsync("nanomqtt/" + id + "/cmd/relay1", "{\"id\":\"after\",\"value\":\"on\"}");
        await ops.WaitForAsync(m => m.Topic == "nanomqtt/" + id + "/cmd/relay1/result" && m.Text.Contains("\"after\""), Drain.Long, "a normal command after it");
    }
}
