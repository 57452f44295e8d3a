namespace NanoMqtt.Reliability.Tests;

/// <summary>
/// Scenario 8: the ACL that `nanomqtt provision` writes, on a real Mosquitto, with real FieldDevices.
/// Device A's credentials in a device configured as device B (a stolen or miswritten nf.secrets) must
/// neither publish into B's topics nor receive B's commands; B, and A as itself, work normally.
/// </summary>
public sealed class AclTests(ITestOutputHelper output)
{
    private const int Commands = 5;

    [Fact]
    public async Task Device_a_can_neither_publish_into_nor_read_device_b_topics()
    {
        using Provisioned accounts = await Provisioned.CreateAsync("acla", "aclb", "admin:aclops");
        using var broker = MosquittoBroker.Start(accounts.BrokerOptions());
        await using MqttProbe ops = await MqttProbe.ConnectAsync(broker.Host, broker.Port, "aclops", accounts.Password("aclops"));
        await ops.SubscribeAsync("nanomqtt/#");

        var config = new RigConfig { Port = broker.Port, Interval = "200ms" };
        TestDeviceConfig a = config.Clone();
        a.User = "acla";
        a.Password = accounts.Password("acla");
        TestDeviceConfig b = config.Clone();
        b.User = "aclb";
        b.Password = accounts.Password("aclb");
        // Device A's account, configured with B's id: every topic it uses is B's. Its own sensor name
        // tells its telemetry apart; its client id keeps B's session untouched.
        TestDeviceConfig impostor = a.Clone();
        impostor.ClientId = "acla-as-aclb";
        impostor.Sensor = "intruder";

        await using var rig = new Rig();
        RigDevice devA = rig.Add("acla", a, seed: 800);
        RigDevice devB = rig.Add("aclb", b, seed: 801);
        RigDevice imp = rig.Add("aclb", impostor, seed: 802);
        rig.Start();
        await Eventually.Until(() => rig.AllOnline, Drain.Long, "all three connected (the broker accepts A's account)");

        for (int i = 1; i <= Commands; i++)
        {
            await ops.PublishAsync("nanomqtt/aclb/cmd/led", "{\"id\":\"b" + i + "\",\"value\":\"" + (i % 2 == 1 ? "on" : "off") + "\"}");
            await ops.PublishAsync("nanomqtt/acla/cmd/led", "{\"id\":\"a" + i + "\",\"value\":\"on\"}");
        }

        await Eventually.Until(() => devB.Device.Commands.Applied == Commands && devA.Device.Commands.Applied == Commands, Drain.Long, "B and A to apply their own commands");
        // Long enough for the impostor's telemetry to have been tried and acknowledged many times over.
        await Eventually.Until(() => imp.Supervisor.Outbox.Delivered >= 20, Drain.Long, "20 acknowledged publishes from the impostor");
        await ops.WaitUntilAsync(list => list.Count(m => m.Topic == "nanomqtt/aclb/telemetry/light") >= 20, Drain.Long, "20 readings from B");

        int intruderSeen = ops.On("nanomqtt/aclb/telemetry/intruder").Count;
        long impostorReceived = imp.Device.Commands.Received;
        int bAnswers = ops.On("nanomqtt/aclb/cmd/led/result").Count;
        long impostorAcked = imp.Supervisor.Outbox.Delivered;
        Figures.Report(output, new FigureRow
        {
            Scenario = "8. ACL from `nanomqtt provision` (3 devices)",
            Faults = "device A's account used with device B's id",
            Sent = impostorAcked + " publishes by A into B's topics; " + Commands + " commands to B",
            Lost = "-",
            Duplicated = "-",
            Recovery = "-",
            Notes = "A's publishes seen on B's topics: " + intruderSeen + "; B's commands received by A: " + impostorReceived + "; B applied " + devB.Device.Commands.Applied + "/" + Commands + ", A (as itself) " + devA.Device.Commands.Applied + "/" + Commands
        });

        Assert.Equal(0, intruderSeen);
        Assert.Equal(0, impostorReceived);
        Assert.Equal(Commands, bAnswers);
        Assert.Equal(Commands, ops.On("nanomqtt/acla/cmd/led/result").Count);
        Assert.NotEmpty(ops.On("nanomqtt/acla/telemetry/light"));
        Assert.True(imp.IsOnline, "Mosquitto 3.1.1 acknowledges a denied publish, so the impostor stays connected: " + LinkFailureNames.Of(imp.Supervisor.Stats.LastFailure));
    }
}
