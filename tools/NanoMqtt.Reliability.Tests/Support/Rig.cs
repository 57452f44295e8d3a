using System.Collections.Concurrent;
using NanoMqtt.Core.Device;
using NanoMqtt.Simulation;

namespace NanoMqtt.Reliability.Tests.Support;

/// <summary>
/// The IMqttLink the core sees: the simulator's MQTTnet link, with a record of what the core handed it.
/// The record gives the device side of each figure: the highest telemetry sequence number that left the
/// outbox per topic, how many telemetry publishes (resends included) there were, and when the core last
/// took a packet from the broker (on <see cref="FaultProxy.NowMs"/>, the proxy's clock).
/// </summary>
public sealed class RecordingLink : IMqttLink
{
    private readonly IMqttLink _inner;
    private readonly ConcurrentDictionary<string, long> _maxSeq = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
    private long _telemetryPublishes;
    private long _lastInboundMs;

    public RecordingLink(IMqttLink inner)
    {
        _inner = inner;
    }

    public long TelemetryPublishes => Interlocked.Read(ref _telemetryPublishes);

    /// <summary>
    /// When the core last polled a packet from the broker (CONNACK, SUBACK, PUBACK, PUBLISH or PINGRESP): the
    /// moment its keepalive deadline counts from, give or take the few microseconds of the step.
    /// </summary>
    public long LastInboundMs => Interlocked.Read(ref _lastInboundMs);

    /// <summary>The highest sequence number handed to the link on this topic, 0 if none.</summary>
    public long MaxSeq(string topic) => _maxSeq.TryGetValue(topic, out long v) ? v : 0;

    public void BeginConnect(ConnectRequest request) => _inner.BeginConnect(request);

    public bool Subscribe(string[] topics, int[] qos) => _inner.Subscribe(topics, qos);

    public int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, byte[] correlationData)
    {
        int id = _inner.Publish(topic, payload, offset, count, qos, retain, correlationData);
        if (id >= 0 && topic.Contains("/telemetry/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _telemetryPublishes);
            long seq = TelemetryLedger.SeqOf(payload.AsSpan(offset, count).ToArray());
            if (seq > 0)
            {
                _maxSeq.AddOrUpdate(topic, seq, (_, old) => Math.Max(old, seq));
            }
        }

        return id;
    }

    public void Ping() => _inner.Ping();

    public void Disconnect() => _inner.Disconnect();

    public void Abort() => _inner.Abort();

    /// <summary>Inbound messages the link passed on by their length only (over the packet limit).</summary>
    public long OversizeInbound => Interlocked.Read(ref _oversizeInbound);
    private long _oversizeInbound;

    public LinkEvent Poll()
    {
        LinkEvent e = _inner.Poll();
        if (e != null && e.OversizeBytes > 0)
        {
            Interlocked.Increment(ref _oversizeInbound);
        }

        if (e != null && e.Kind != LinkEventKind.ConnectFailed && e.Kind != LinkEventKind.ConnectionLost)
        {
            Interlocked.Exchange(ref _lastInboundMs, FaultProxy.NowMs);
        }

        return e;
    }
}

/// <summary>The firmware's composition root (<see cref="FieldDeviceCore"/>) with a <see cref="RecordingLink"/> in front of MQTTnet.</summary>
public sealed class RigCore : IDeviceCore
{
    private readonly FieldDeviceCore _core;

    private RigCore(FieldDeviceCore core, RecordingLink link)
    {
        _core = core;
        Link = link;
    }

    public FieldDevice Device => _core.Device;
    public RecordingLink Link { get; }

    public static IDeviceCore Create(SimulatedDevice d, out string error)
    {
        var link = new RecordingLink(d.Link);
        FieldDeviceCore core = FieldDeviceCore.Create(d, link, out error);
        return core == null ? null : new RigCore(core, link);
    }

    public long Step(long nowMs) => _core.Step(nowMs);

    public void Shutdown() => _core.Shutdown();

    public bool IsStopped => _core.IsStopped;

    public DeviceCounters Counters => _core.Counters;
}

/// <summary>
/// One device of a <see cref="Rig"/>. The core is stepped on a host thread; the test reads its counters
/// and state from its own thread (single fields, so a read is a consistent if slightly stale value).
/// </summary>
public sealed class RigDevice
{
    internal RigDevice(SimulatedDevice sim, HostedDevice hosted)
    {
        Sim = sim;
        Hosted = hosted;
    }

    public SimulatedDevice Sim { get; }
    public HostedDevice Hosted { get; }
    public string Id => Sim.Id;
    public RigCore Core => (RigCore)Sim.Core;
    public FieldDevice Device => Core?.Device;
    public ConnectionSupervisor Supervisor => Device?.Supervisor;
    public bool IsOnline => Supervisor?.IsOnline == true;
    public RecordingLink Link => Core?.Link;
    public string Topic(string suffix) => "nanomqtt/" + Id + "/" + suffix;
}

/// <summary>
/// A fleet of real FieldDevices on the simulator's <see cref="DeviceHost"/> (two threads, as on the CI
/// machine), each with its own MQTTnet link, clock, seeded jitter and simulated board.
/// </summary>
public sealed class Rig : IAsyncDisposable
{
    private readonly List<RigDevice> _devices = new List<RigDevice>();
    private bool _stopped;

    public Rig(int threads = 2)
    {
        Host = new DeviceHost(threads);
    }

    public DeviceHost Host { get; }

    public IReadOnlyList<RigDevice> Devices => _devices;

    public RigDevice this[int i] => _devices[i];

    public RigDevice Add(string id, TestDeviceConfig config, int seed, MqttnetLinkOptions linkOptions = null)
    {
        var sim = new SimulatedDevice(id, config.Text(id), config.Secrets(), seed, RigCore.Create, linkOptions);
        HostedDevice hosted = Host.Add(sim, sim.Clock);
        sim.AttachWake(hosted.Wake);
        var device = new RigDevice(sim, hosted);
        _devices.Add(device);
        return device;
    }

    /// <summary>count devices on one config: device i is named id(i) and seeded firstSeed + i.</summary>
    public void AddFleet(int count, Func<int, string> id, TestDeviceConfig config, int firstSeed)
    {
        for (int i = 0; i < count; i++)
        {
            Add(id(i), config, firstSeed + i);
        }
    }

    public void Start() => Host.Start();

    public bool AllOnline => _devices.All(d => d.IsOnline);

    /// <summary>Planned stop of every device (`offline` published), then the links are closed.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await Host.StopAsync(shutdownDevices: true).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        Task closing = Task.WhenAll(_devices.Select(d => d.Sim.Link.WhenClosedAsync()));
        await Task.WhenAny(closing, Task.Delay(5000)).ConfigureAwait(false);
        foreach (RigDevice d in _devices)
        {
            d.Sim.Link.Dispose();
        }
    }

    /// <summary>Stops stepping without a planned shutdown: the state stays as it is, for inspection.</summary>
    public async Task FreezeAsync()
    {
        _stopped = true;
        await Host.StopAsync(shutdownDevices: false).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        foreach (RigDevice d in _devices)
        {
            d.Sim.Link.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        Host.Dispose();
    }
}
