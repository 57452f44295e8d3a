using Xunit;

namespace NanoMqtt.Brokers.Tests.Brokers;

/// <summary>
/// Two RabbitMQ 3.10 nodes on loopback, rabbit1@localhost and rabbit2@localhost, each with its own
/// ports and data, joined into one cluster with `rabbitmqctl join_cluster`. A policy mirrors the
/// session queues of the devices whose client id starts with <see cref="MirroredIdPrefix"/>; the
/// others keep RabbitMQ's default, a classic queue on the node where the session began.
/// </summary>
public sealed class RabbitClusterFixture : IAsyncLifetime
{
    /// <summary>Client ids with this prefix get mirrored session queues (the queue is mqtt-subscription-{id}qos1).</summary>
    public const string MirroredIdPrefix = "ha-";

    public const string PolicyName = "mqtt-sessions-mirrored";

    private RabbitEnvironment _env;

    public RabbitNode Node1 { get; private set; }
    public RabbitNode Node2 { get; private set; }

    /// <summary>How long starting and joining the cluster took.</summary>
    public TimeSpan StartTime { get; private set; }

    public async Task InitializeAsync()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        _env = new RabbitEnvironment("cluster");
        Node1 = new RabbitNode(_env, "rabbit1");
        Node2 = new RabbitNode(_env, "rabbit2");
        try
        {
            await Task.WhenAll(Node1.StartAsync(TimeSpan.FromSeconds(120)), Node2.StartAsync(TimeSpan.FromSeconds(120)));
            await Must(Node2, "stop_app");
            await Must(Node2, "join_cluster", Node1.NodeName);
            await Must(Node2, "start_app");
            await Must(Node2, "await_startup", "--timeout", "60");
            CtlResult status = await Must(Node1, "cluster_status");
            if (!status.Output.Contains(Node2.NodeName))
            {
                throw new RabbitMqUnavailableException("the cluster did not form: " + status.Output);
            }

            await Must(Node1, "set_policy", PolicyName, "^mqtt-subscription-" + MirroredIdPrefix,
                "{\"ha-mode\":\"all\",\"ha-sync-mode\":\"automatic\"}", "--apply-to", "queues");
        }
        catch
        {
            Node1.Kill();
            Node2.Kill();
            _env.Dispose();
            throw;
        }

        StartTime = watch.Elapsed;
    }

    public Task DisposeAsync()
    {
        // Node 2 first when both run: the last node to stop is the one that may boot alone.
        Node2?.Dispose();
        Node1?.Dispose();
        _env?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The session queues as node sees them: name -> (home node, synchronised mirror nodes).</summary>
    public static async Task<Dictionary<string, (string Home, string Mirrors)>> SessionQueuesAsync(RabbitNode node)
    {
        CtlResult r = await Must(node, "-q", "list_queues", "--no-table-headers", "name", "pid", "synchronised_slave_pids");
        var queues = new Dictionary<string, (string, string)>();
        foreach (string line in r.Output.Split('\n'))
        {
            string[] cols = line.Trim().Split('\t');
            if (cols.Length >= 2 && cols[0].StartsWith("mqtt-subscription-", StringComparison.Ordinal))
            {
                queues[cols[0]] = (NodeOf(cols[1]), cols.Length > 2 ? cols[2] : "");
            }
        }

        return queues;
    }

    public static string QueueOf(string clientId) => "mqtt-subscription-" + clientId + "qos1";

    private static string NodeOf(string pid)
    {
        // <rabbit1@localhost.1795618119.970.0>
        int at = pid.IndexOf('@');
        int dot = at < 0 ? -1 : pid.IndexOf('.', at);
        return at < 0 || dot < 0 ? pid : pid.Substring(1, dot - 1);
    }

    private static async Task<CtlResult> Must(RabbitNode node, params string[] args)
    {
        CtlResult r = await node.CtlAsync(args);
        if (!r.Ok)
        {
            throw new RabbitMqUnavailableException("rabbitmqctl -n " + node.NodeName + " " + string.Join(' ', args) + " failed (" + r.ExitCode + "): " + r.Output);
        }

        return r;
    }
}

// Runs alone (no other collection in parallel): its failover times are figures, not just pass/fail.
[CollectionDefinition("RabbitMQ cluster", DisableParallelization = true)]
public sealed class RabbitClusterCollection : ICollectionFixture<RabbitClusterFixture>
{
}
