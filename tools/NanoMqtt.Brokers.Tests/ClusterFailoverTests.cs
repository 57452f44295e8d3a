using System.Globalization;
using NanoMqtt.Brokers.Tests.Brokers;
using NanoMqtt.Brokers.Tests.Support;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Device;
using NanoMqtt.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NanoMqtt.Brokers.Tests;

/// <summary>
/// A fleet on a two-node RabbitMQ cluster, both nodes in every device's broker list. Node 1 (where
/// every device starts) is stopped: the devices fail over to node 2 within the backoff, commands sent
/// while they were away reach them as far as RabbitMQ's queues allow, and a subscriber on node 2 sees
/// every QoS 1 reading that the outbox did not drop. Then node 1 comes back.
/// </summary>
[Collection("RabbitMQ cluster")]
public sealed class ClusterFailoverTests
{
    private const string Prefix = "fo";
    private const int MirroredDevices = 10;
    private const int UnmirroredDevices = 2;

    // With the firmware's defaults, from the loss of node 1 to the attempt on node 2: the one refused try on
    // node 1 waits up to the session-loss window (15 s), the try on node 2 up to the base (1 s) after it.
    private static readonly long BackoffBoundMs = BackoffBound(new SupervisorOptions());

    // Three readings a second: the default outbox (200) holds 66 s of them, more than the failover bound.
    private const string ReadingInterval = "1s";

    // Connect, subscribe and birth on a loaded 2-core machine, on top of the backoff.
    private const long SlackMs = 10_000;

    private readonly RabbitClusterFixture _cluster;
    private readonly ITestOutputHelper _output;
    private string _lastFault;

    public ClusterFailoverTests(RabbitClusterFixture cluster, ITestOutputHelper output)
    {
        _cluster = cluster;
        _output = output;
    }

    [Fact]
    public async Task Stopping_a_node_moves_the_fleet_to_the_other_with_sessions_and_telemetry_intact()
    {
        TimeSpan T = Wait.Long;
        RabbitNode n1 = _cluster.Node1, n2 = _cluster.Node2;
        Line("cluster of " + n1.NodeName + " (MQTT " + n1.MqttPort + ") and " + n2.NodeName + " (MQTT " + n2.MqttPort + ") started and joined in " + Secs(_cluster.StartTime));

        // RabbitMQ 3.10 keeps retained messages per node (a local DETS file): not replicated in the cluster.
        string retainedTopic = Prefix + "/retained-check/status";
        await using (MqttProbe writer = await MqttProbe.ConnectAsync("127.0.0.1", n2.MqttPort))
        {
            await writer.PublishAsync(retainedTopic, "kept on node 2", retain: true);
            await writer.SubscribeAsync(retainedTopic);
            await writer.WaitForAsync(retainedTopic, "kept on node 2", T);
        }

        bool onNode1;
        await using (MqttProbe reader = await MqttProbe.ConnectAsync("127.0.0.1", n1.MqttPort))
        {
            await reader.SubscribeAsync(retainedTopic);
            // A marker after the subscription: a retained message would have arrived before it.
            await reader.PublishAsync(retainedTopic, "marker");
            await reader.WaitForAsync(retainedTopic, "marker", T);
            onNode1 = reader.On(retainedTopic).Any(m => m.Text == "kept on node 2");
        }

        await using (MqttProbe again = await MqttProbe.ConnectAsync("127.0.0.1", n2.MqttPort))
        {
            await again.SubscribeAsync(retainedTopic);
            Assert.Equal("kept on node 2", (await again.WaitForAsync(m => m.Topic == retainedTopic, T, "the retained message on node 2")).Text);
        }

        Line("a message retained through node 2 is " + (onNode1 ? "" : "not ") + "delivered to a subscriber on node 1");
        Assert.False(onNode1, "RabbitMQ 3.10 keeps retained messages per node");

        await using MqttProbe probe = await MqttProbe.ConnectAsync("127.0.0.1", n2.MqttPort);
        await probe.SubscribeAsync(Prefix + "/+/telemetry/#");
        await probe.SubscribeAsync(Prefix + "/+/cmd/+/result");

        string[] brokers = { "127.0.0.1:" + n1.MqttPort, "127.0.0.1:" + n2.MqttPort };
        await using var rig = new DeviceRig();
        var mirrored = Enumerable.Range(0, MirroredDevices).Select(i => RabbitClusterFixture.MirroredIdPrefix + i.ToString("00", CultureInfo.InvariantCulture)).ToArray();
        var unmirrored = Enumerable.Range(0, UnmirroredDevices).Select(i => "cl-" + i.ToString("00", CultureInfo.InvariantCulture)).ToArray();
        foreach (string id in mirrored)
        {
            rig.Add(id, new DeviceSetup { Prefix = Prefix, Brokers = brokers, Interval = ReadingInterval });
        }

        foreach (string id in unmirrored)
        {
            // Stuck until node 1 returns, so a lower backoff cap only shortens the test; all else is default.
            rig.Add(id, new DeviceSetup { Prefix = Prefix, Brokers = brokers, Interval = ReadingInterval, BackoffCap = "5s" });
        }

        string[] all = mirrored.Concat(unmirrored).ToArray();
        rig.Fleet.Host.DeviceFaulted += (d, ex) => _lastFault = ex.ToString();
        rig.Start();
        foreach (string id in all)
        {
            await rig.WaitOnlineAsync(id, T);
            Assert.Equal(0, rig.Device(id).Supervisor.CurrentEndpointIndex);
        }

        // Every session queue lives on node 1; the mirrored ones have a synchronised copy on node 2.
        await Wait.UntilAsync(() => QueuesReady(all), T, () => "session queues on node 1, mirrors synchronised on node 2");
        await probe.WaitUntilAsync(l => all.All(id => TelemetryLedger.Of(l, Prefix).DistinctOf(id) >= 3), T, "readings from every device on node 2");

        // --- node 1 goes away
        long stopAt = SessionLog.Clock.ElapsedMilliseconds;
        TimeSpan stopTook = await n1.StopAsync();
        await Wait.UntilAsync(() => all.All(id => OfflineSince(rig, id, stopAt) != null), T, () => "every device offline");
        long commandsAt = SessionLog.Clock.ElapsedMilliseconds;
        foreach (string id in all)
        {
            await probe.PublishAsync(Prefix + "/" + id + "/cmd/relay1", "{\"id\":\"away-" + id + "\",\"value\":\"on\"}");
        }

        // Mirrored sessions: on node 2 within the backoff, with the session and the command.
        await Wait.UntilAsync(() => mirrored.All(id => OnlineAfter(rig, id, stopAt) != null), T, () => "mirrored devices online on node 2: " + Describe(rig, mirrored, stopAt) + "; host faults " + rig.Fleet.Host.Faults + " " + _lastFault);
        var failover = new List<long>();
        foreach (string id in mirrored)
        {
            SessionEvent off = OfflineSince(rig, id, stopAt), on = OnlineAfter(rig, id, stopAt);
            failover.Add(on.AtMs - off.AtMs);
            Assert.Equal(1, on.Endpoint);
            Assert.True(on.SessionPresent, id + ": node 2 must have kept the session (the mirror)");
            Assert.True(on.AtMs > commandsAt, id + " came back before its command was sent: the command was not queued while away");
        }

        await probe.WaitUntilAsync(l => mirrored.All(id => l.Any(m => m.Text.Contains("\"away-" + id + "\""))), T, "answers to the commands sent while away");
        int awayDelivered = mirrored.Count(id => probe.Messages.Any(m => m.Text.Contains("\"away-" + id + "\"") && m.Text.Contains("\"ok\":true")));
        Assert.Equal(MirroredDevices, awayDelivered);

        // Unmirrored sessions: node 2 accepts the CONNECT, but their queue's home is down, so the
        // SUBSCRIBE ends the connection; the devices fail over back and forth and stay offline.
        await Wait.UntilAsync(() => unmirrored.All(id => rig.Device(id).Supervisor.Stats.Failovers >= 2), Wait.Long,
            () => "unmirrored devices tried node 2 and moved on (" + string.Join(", ", unmirrored.Select(id => id + ": " + rig.Device(id).Supervisor.Stats.Failovers + " failovers, " + rig.Sim(id).Link.LastFailureDetail)) + ")");
        foreach (string id in unmirrored)
        {
            Assert.Null(OnlineAfter(rig, id, stopAt));
        }

        long stuckFor = SessionLog.Clock.ElapsedMilliseconds - stopAt;

        // --- node 1 comes back and rejoins
        // Not waiting for its MQTT listener: in a two-node cluster a restarted 3.10 node opens it only after
        // its Raft client-id tracker gives up waiting (about 100 s here); the queues are back long before.
        long node1BackAt = SessionLog.Clock.ElapsedMilliseconds;
        n1.Launch();
        Task<long> listenerBack = WhenAcceptingAsync(n1, node1BackAt);
        await Wait.UntilAsync(() => unmirrored.All(id => OnlineAfter(rig, id, stopAt) != null), T, () => "unmirrored devices online after node 1 returned");
        long unmirroredRecovery = unmirrored.Max(id => OnlineAfter(rig, id, stopAt).AtMs) - node1BackAt;
        foreach (string id in unmirrored)
        {
            await probe.PublishAsync(Prefix + "/" + id + "/cmd/relay1", "{\"id\":\"back-" + id + "\",\"value\":\"toggle\"}");
        }

        await probe.WaitUntilAsync(l => unmirrored.All(id => l.Any(m => m.Text.Contains("\"back-" + id + "\""))), T, "answers to the commands sent after node 1 returned");
        // The answer to "back" comes after any command queued before it: what is not there by now was lost.
        int awayUnmirrored = unmirrored.Count(id => probe.Messages.Any(m => m.Text.Contains("\"away-" + id + "\"")));

        // --- telemetry: wait for every outbox to drain and fresh readings to arrive after it
        await Wait.UntilAsync(() => all.All(id => rig.Device(id).Supervisor.IsOnline && rig.Device(id).Supervisor.Outbox.Count == 0), T, () => "outboxes drained");
        var settled = all.ToDictionary(id => id, id => TelemetryLedger.Of(probe.Messages, Prefix).DistinctOf(id));
        await probe.WaitUntilAsync(l => all.All(id => TelemetryLedger.Of(l, Prefix).DistinctOf(id) >= settled[id] + 6), T, "fresh readings after the drain");
        IReadOnlyList<StreamReport> report = TelemetryLedger.Of(probe.Messages, Prefix).Streams;
        var perDevice = all.ToDictionary(id => id, id => (
            Readings: report.Where(r => r.Device == id).Sum(r => r.Distinct),
            Missing: report.Where(r => r.Device == id).Sum(r => r.Missing.Count),
            Duplicates: report.Where(r => r.Device == id).Sum(r => r.Duplicates),
            OutOfOrder: report.Where(r => r.Device == id).Sum(r => r.OutOfOrder),
            Dropped: rig.Device(id).Supervisor.Outbox.Dropped + rig.Device(id).Supervisor.Outbox.Expired));

        // --- figures
        failover.Sort();
        Line("node 1 stop (rabbitmqctl stop) took " + Secs(stopTook));
        Line("failover of " + MirroredDevices + " mirrored-session devices to node 2: min " + Secs(failover[0]) + ", median " + Secs(failover[failover.Count / 2]) +
             ", max " + Secs(failover[^1]) + " (bound " + Secs(BackoffBoundMs) + " backoff + " + Secs(SlackMs) + " slack)");
        Line("commands sent while away: mirrored " + awayDelivered + "/" + MirroredDevices + " delivered, unmirrored " + awayUnmirrored + "/" + UnmirroredDevices + " delivered");
        Line("unmirrored devices: offline " + Secs(stuckFor) + " until node 1 was relaunched, online " + Secs(unmirroredRecovery) + " after the relaunch, on node " +
             string.Join("/", unmirrored.Select(id => OnlineAfter(rig, id, stopAt).Endpoint + 1)));
        Line("node 1's MQTT listener after the relaunch: " + (listenerBack.IsCompleted ? "open after " + Secs(await listenerBack) : "still closed after " + Secs(SessionLog.Clock.ElapsedMilliseconds - node1BackAt)));
        foreach (string id in all)
        {
            var d = perDevice[id];
            Line(id + ": " + d.Readings + " readings, missing " + d.Missing + ", dropped by the outbox " + d.Dropped + ", duplicates " + d.Duplicates + ", out of order " + d.OutOfOrder +
                 ", failovers " + rig.Device(id).Supervisor.Stats.Failovers + ", connect attempts " + rig.Device(id).Supervisor.Stats.ConnectAttempts);
        }

        Assert.True(failover[^1] <= BackoffBoundMs + SlackMs, "slowest failover " + failover[^1] + " ms, bound " + (BackoffBoundMs + SlackMs) + " ms");
        // Half the fleet within about half the session-loss window (the jitter is seeded): 10 s is the stated goal.
        Assert.True(failover[failover.Count / 2] <= 10_000, "median failover " + failover[failover.Count / 2] + " ms");
        foreach (string id in all)
        {
            var d = perDevice[id];
            Assert.True(d.Missing <= d.Dropped, id + ": " + d.Missing + " readings lost but only " + d.Dropped + " dropped by the outbox");
            Assert.Equal(0, d.OutOfOrder);
        }

        // The mirrored devices were away for less time than the outbox holds: nothing may be missing at all.
        Assert.All(mirrored, id => Assert.Equal(0, perDevice[id].Missing));
        Assert.All(mirrored, id => Assert.Equal(0, perDevice[id].Dropped));
        // What RabbitMQ 3.10 does with a command routed to a classic queue whose node is down: it is dropped.
        Assert.Equal(0, awayUnmirrored);
    }

    /// <summary>The longest the core's own backoff can wait from the loss of node 1 to the first attempt on node 2.</summary>
    private static long BackoffBound(SupervisorOptions o)
    {
        var backoff = new Backoff(o.Backoff, new LongestJitter());
        long total = backoff.NextDelayAfterSessionLossMs();
        if (o.FailoverOnRefused)
        {
            // Refused on node 1 moves on at once, and node 2 is tried within the base.
            return total + backoff.NextDelayOnNextBrokerMs();
        }

        for (int i = 0; i < o.FailoverAfterFailures; i++)
        {
            total += backoff.NextDelayAfterRefusalMs();
        }

        return total;
    }

    private sealed class LongestJitter : NanoMqtt.Core.Platform.IJitterSource
    {
        public int Next(int maxExclusive) => maxExclusive <= 0 ? 0 : maxExclusive - 1;
    }

    private static async Task<long> WhenAcceptingAsync(RabbitNode node, long since)
    {
        while (!node.AcceptsMqtt && SessionLog.Clock.ElapsedMilliseconds - since < 300_000)
        {
            await Task.Delay(500);
        }

        return SessionLog.Clock.ElapsedMilliseconds - since;
    }

    private async Task<bool> QueuesReady(string[] ids)
    {
        var queues = await RabbitClusterFixture.SessionQueuesAsync(_cluster.Node1);
        foreach (string id in ids)
        {
            if (!queues.TryGetValue(RabbitClusterFixture.QueueOf(id), out var q) || q.Home != _cluster.Node1.NodeName)
            {
                return false;
            }

            bool mirrored = id.StartsWith(RabbitClusterFixture.MirroredIdPrefix, StringComparison.Ordinal);
            if (mirrored != q.Mirrors.Contains(_cluster.Node2.NodeName, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(DeviceRig rig, IEnumerable<string> ids, long since) => string.Join("; ", ids.Select(id =>
    {
        ConnectionSupervisor s = rig.Device(id).Supervisor;
        return id + " " + s.State + (OnlineAfter(rig, id, since) != null ? " (back)" : "") + " at endpoint " + s.CurrentEndpointIndex + ", failovers " + s.Stats.Failovers +
               ", attempts " + s.Stats.ConnectAttempts + ", next attempt in " + (s.NextAttemptMs == long.MaxValue ? "never" : (s.NextAttemptMs - rig.Sim(id).Clock.NowMs) + " ms") + ", backoff failures " + s.Backoff.Failures + ", last failure " + s.Stats.LastFailure + " (" + rig.Sim(id).Link.LastFailureDetail + ")";
    }));

    private static SessionEvent OfflineSince(DeviceRig rig, string id, long t) => rig.Log(id).Events.FirstOrDefault(e => !e.Online && e.AtMs >= t);

    private static SessionEvent OnlineAfter(DeviceRig rig, string id, long t) => rig.Log(id).Events.FirstOrDefault(e => e.Online && e.AtMs >= t);

    private static string Secs(long ms) => (ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Secs(TimeSpan t) => Secs((long)t.TotalMilliseconds);

    private void Line(string text) => _output.WriteLine(text);
}
