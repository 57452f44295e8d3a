namespace NanoMqtt.Reliability.Tests;

/// <summary>
/// Scenario 3: commands sent at QoS 1 while the devices are offline, kept by a persistent Mosquitto
/// through its restart, arrive after the devices reconnect and are applied exactly once.
/// </summary>
public sealed class BrokerRestartTests(ITestOutputHelper output)
{
    private const int Devices = 3;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Commands_queued_while_offline_survive_a_broker_restart_and_run_exactly_once(bool kill)
    {
        await using FaultScenario scenario = await FaultScenario.StartAsync(new MosquittoOptions { Persistence = true });
        (MosquittoBroker broker, FaultProxy proxy, _) = scenario;
        var config = new RigConfig { Port = proxy.Port, Interval = "1s" };
        Rig rig = scenario.Own(new Rig());
        rig.AddFleet(Devices, i => (kill ? "kill" : "term") + i, config, firstSeed: 300);

        rig.Start();
        await Eventually.Until(() => rig.AllOnline, Drain.Long, "all devices online");

        // The devices go offline: the broker keeps their sessions (clean session off) and queues for them.
        proxy.RefuseNew = true;
        proxy.CutAll();
        await Eventually.Until(() => rig.Devices.All(d => !d.IsOnline), Drain.Long, "all devices offline");

        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        int sent = 0;
        await using (MqttProbe sender = await MqttProbe.ConnectAsync(broker.Host, broker.Port))
        {
            foreach (RigDevice d in rig.Devices)
            {
                // A toggle sent twice with one id (a sender's retry): applied once, or the relay would end off.
                string toggle = "{\"id\":\"" + d.Id + "-t1\",\"value\":\"toggle\"}";
                await sender.PublishAsync(d.Topic("cmd/relay1"), toggle);
                await sender.PublishAsync(d.Topic("cmd/relay1"), toggle);
                await sender.PublishAsync(d.Topic("cmd/led"), "{\"id\":\"" + d.Id + "-l1\",\"value\":\"on\"}");
                // Expired half a minute before it was even sent.
                await sender.PublishAsync(d.Topic("cmd/relay1"), "{\"id\":\"" + d.Id + "-x1\",\"value\":\"off\",\"expires\":" + (now - 30) + "}");
                sent += 4;
            }
        }

        DateTime published = DateTime.UtcNow;
        if (kill)
        {
            // kill -9 leaves only what the broker autosaved (every second): wait for a save after the commands.
            string db = Path.Combine(broker.Directory, "mosquitto.db");
            await Eventually.Until(() => File.Exists(db) && File.GetLastWriteTimeUtc(db) > published.AddMilliseconds(100), TimeSpan.FromSeconds(15), "an autosave of " + db);
        }

        broker.Restart(kill);
        DateTime restarted = DateTime.UtcNow;
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker.Host, broker.Port);
        await probe.SubscribeAsync("nanomqtt/+/cmd/+/result");
        proxy.RefuseNew = false;

        await probe.WaitUntilAsync(list => list.Count >= sent, Drain.Long, sent + " answers");
        double recovery = (probe.Messages.Max(m => m.ReceivedUtc) - restarted).TotalMilliseconds;
        await Eventually.Until(() => rig.Devices.All(d => d.Device.Commands.Received >= 4), Drain.Long, "every command counted");

        string Answers(RigDevice d, string id) => string.Join(" ", probe.Messages.Where(m => m.Text.Contains("\"id\":\"" + d.Id + "-" + id + "\"", StringComparison.Ordinal)).Select(m => m.Topic.Substring(m.Topic.IndexOf("/cmd/", StringComparison.Ordinal)) + "=" + m.Text));
        foreach (RigDevice d in rig.Devices)
        {
            output.WriteLine(d.Id + ": " + Answers(d, "t1") + " " + Answers(d, "l1") + " " + Answers(d, "x1"));
        }

        long applied = rig.Devices.Sum(d => d.Device.Commands.Applied);
        long duplicates = probe.Messages.Count(m => m.Text.Contains("\"code\":\"duplicate\"", StringComparison.Ordinal));
        long expired = probe.Messages.Count(m => m.Text.Contains("\"code\":\"expired\"", StringComparison.Ordinal));
        Figures.Report(output, new FigureRow
        {
            Scenario = "3. Broker restart with persistence (" + Devices + " devices)" + (kill ? ", kill -9" : ", SIGTERM"),
            Faults = "devices cut off, broker restarted (" + (kill ? "kill -9 after an autosave" : "graceful") + ") with " + sent + " QoS 1 commands queued",
            Sent = sent + " commands (" + Devices + " sent twice with one id, " + Devices + " expired)",
            Lost = (sent - probe.Messages.Count).ToString(),
            Duplicated = "0 applied twice (" + duplicates + " refused as duplicate)",
            Recovery = "last answer " + Figures.Ms(recovery) + " after the restart",
            Notes = applied + " applied, " + expired + " refused as expired"
        });

        foreach (RigDevice d in rig.Devices)
        {
            var answers = probe.Messages.Where(m => m.Topic.StartsWith(d.Topic("cmd/"), StringComparison.Ordinal)).Select(m => m.Text).ToList();
            Assert.Equal(1, answers.Count(a => a.Contains("\"id\":\"" + d.Id + "-t1\",\"ok\":true,\"state\":\"on\"", StringComparison.Ordinal)));
            Assert.Equal(1, answers.Count(a => a.Contains("\"id\":\"" + d.Id + "-t1\",\"ok\":false,\"code\":\"duplicate\"", StringComparison.Ordinal)));
            Assert.Equal(1, answers.Count(a => a.Contains("\"id\":\"" + d.Id + "-l1\",\"ok\":true,\"state\":\"on\"", StringComparison.Ordinal)));
            Assert.Equal(1, answers.Count(a => a.Contains("\"id\":\"" + d.Id + "-x1\",\"ok\":false,\"code\":\"expired\"", StringComparison.Ordinal)));
            Assert.Equal(4, answers.Count);
            Assert.Equal(2, d.Device.Commands.Applied);
            Assert.Equal(4, d.Device.Commands.Received);
            // Toggled once from off: on. A second run of the toggle would have left it off.
            Assert.True(d.Device.Actuators.Find("relay1").Duty > 0, d.Id + " relay1 should be on");
            Assert.True(d.Device.Supervisor.SessionPresent, d.Id + ": the broker should have kept the session");
        }
    }
}
