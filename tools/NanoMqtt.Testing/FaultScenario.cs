namespace NanoMqtt.Testing;

/// <summary>
/// What every fault scenario sets up: a Mosquitto, a <see cref="FaultProxy"/> in front of it (the devices
/// connect to the proxy, so the test can cut, refuse and blackhole their links) and, given topics, an
/// independent <see cref="MqttProbe"/> subscribed straight on the broker. The devices it owns are disposed
/// first, then the probe, the proxy and the broker.
/// </summary>
public sealed class FaultScenario : IAsyncDisposable
{
    /// <summary>Every device's telemetry, status and command answers.</summary>
    public static readonly string[] DeviceTopics = { "nanomqtt/+/telemetry/+", "nanomqtt/+/status", "nanomqtt/+/cmd/+/result" };

    private readonly List<IAsyncDisposable> _owned = new List<IAsyncDisposable>();

    private FaultScenario(MosquittoBroker broker, FaultProxy proxy)
    {
        Broker = broker;
        Proxy = proxy;
    }

    public MosquittoBroker Broker { get; }
    public FaultProxy Proxy { get; }

    /// <summary>Null when the scenario was started without topics.</summary>
    public MqttProbe Probe { get; private set; }

    public static async Task<FaultScenario> StartAsync(MosquittoOptions options = null, params string[] probeTopics)
    {
        MosquittoBroker broker = MosquittoBroker.Start(options);
        FaultProxy proxy;
        try
        {
            proxy = FaultProxy.Start(broker.Host, broker.Port);
        }
        catch
        {
            broker.Dispose();
            throw;
        }

        var scenario = new FaultScenario(broker, proxy);
        try
        {
            if (probeTopics.Length > 0)
            {
                scenario.Probe = await MqttProbe.ConnectAsync(broker.Host, broker.Port).ConfigureAwait(false);
                foreach (string topic in probeTopics)
                {
                    await scenario.Probe.SubscribeAsync(topic).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await scenario.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return scenario;
    }

    public void Deconstruct(out MosquittoBroker broker, out FaultProxy proxy, out MqttProbe probe)
    {
        broker = Broker;
        proxy = Proxy;
        probe = Probe;
    }

    /// <summary>Disposes this with the scenario, before the probe, the proxy and the broker (the last owned first).</summary>
    public T Own<T>(T device) where T : IAsyncDisposable
    {
        _owned.Add(device);
        return device;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            for (int i = _owned.Count - 1; i >= 0; i--)
            {
                await _owned[i].DisposeAsync().ConfigureAwait(false);
            }

            if (Probe != null)
            {
                await Probe.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Proxy.Dispose();
            Broker.Dispose();
        }
    }
}
