using System.Diagnostics;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Device;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;

namespace NanoMqtt.Brokers.Tests.Support;

/// <summary>
/// What a test device's nf.config says. Everything not set here keeps the firmware's default (the
/// point of the suite): keepalive 30 s, protocol 3.1.1, failover after 3 failures, backoff 1 s..60 s,
/// outbox 200 messages / 16 KiB, persistent session. One BME280: one stream, climate, with its three
/// quantities in each message, read fast so that a test sees many readings in a few seconds.
/// </summary>
public sealed class DeviceSetup : TestDeviceConfig
{
    public DeviceSetup()
    {
        Brokers = Array.Empty<string>();
        Sensor = "climate";
        SensorType = "bme280";
        Interval = "500ms";
        Qos = 1;
        Extra = "[actuator.relay1]\ntype = relay\npin = 26\ninverted = true\nsafe = off\n";
    }
}

/// <summary>One session transition seen by a device's supervisor, with the test's clock.</summary>
public sealed record SessionEvent(bool Online, long AtMs, int Endpoint, bool SessionPresent, LinkFailure Reason);

/// <summary>Records a device's online/offline transitions (called on the device's own thread).</summary>
public sealed class SessionLog : ISessionObserver
{
    private readonly List<SessionEvent> _events = new List<SessionEvent>();
    private ConnectionSupervisor _supervisor;

    public static readonly Stopwatch Clock = Stopwatch.StartNew();

    internal void Attach(ConnectionSupervisor supervisor)
    {
        _supervisor = supervisor;
        supervisor.AddObserver(this);
    }

    public IReadOnlyList<SessionEvent> Events
    {
        get { lock (_events) { return _events.ToArray(); } }
    }

    public void OnOnline(bool sessionPresent)
    {
        Add(new SessionEvent(true, Clock.ElapsedMilliseconds, _supervisor.CurrentEndpointIndex, sessionPresent, LinkFailure.None));
    }

    public void OnOffline(LinkFailure reason)
    {
        Add(new SessionEvent(false, Clock.ElapsedMilliseconds, _supervisor.CurrentEndpointIndex, false, reason));
    }

    private void Add(SessionEvent e)
    {
        lock (_events)
        {
            _events.Add(e);
        }
    }
}

/// <summary>
/// Real FieldDevices (the firmware's composition root) on the simulator's ports: an MQTTnet link, a
/// network that a test can take down, simulated sensors. Each device records its session transitions.
/// </summary>
public sealed class DeviceRig : IAsyncDisposable
{
    private readonly Dictionary<string, SessionLog> _logs = new Dictionary<string, SessionLog>();
    private readonly Dictionary<string, SimulatedDevice> _devices = new Dictionary<string, SimulatedDevice>();
    private int _seed = 11;

    public DeviceRig(int threads = 2)
    {
        Fleet = new SimFleet(Create, threads);
    }

    public SimFleet Fleet { get; }

    public SimulatedDevice Add(string id, DeviceSetup setup)
    {
        lock (_logs)
        {
            _logs[id] = new SessionLog();
        }

        SimulatedDevice d = Fleet.Add(id, setup.Text(id), "", _seed++);
        _devices[id] = d;
        return d;
    }

    public void Start() => Fleet.Start();

    public SimulatedDevice Sim(string id) => _devices[id];

    /// <summary>The running FieldDevice (null before its first boot).</summary>
    public FieldDevice Device(string id) => (_devices[id].Core as FieldDeviceCore)?.Device;

    public SessionLog Log(string id)
    {
        lock (_logs)
        {
            return _logs[id];
        }
    }

    public IEnumerable<string> Ids => _devices.Keys;

    public bool IsOnline(string id) => Device(id)?.Supervisor.IsOnline == true;

    /// <summary>Wi-Fi drops and stays down: the supervisor aborts the connection (no DISCONNECT, so the broker sends the will).</summary>
    public void NetworkDown(string id)
    {
        SimNetworkLink n = _devices[id].Network;
        n.RejoinOnRequest = false;
        n.IsUp = false;
    }

    public void NetworkUp(string id)
    {
        SimNetworkLink n = _devices[id].Network;
        n.RejoinOnRequest = true;
        n.IsUp = true;
    }

    public Task WaitOnlineAsync(string id, TimeSpan timeout) =>
        Wait.UntilAsync(() => IsOnline(id), timeout, () => id + " online (last failure " + Device(id)?.Supervisor.Stats.LastFailure + ", " + _devices[id].Link.LastFailureDetail + ")");

    /// <summary>Planned stop of every device: each publishes "offline" and disconnects.</summary>
    public Task StopAsync() => Fleet.StopAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync().ConfigureAwait(false);
    }

    private IDeviceCore Create(SimulatedDevice d, out string error)
    {
        IDeviceCore core = FieldDeviceCore.Create(d, out error);
        if (core is FieldDeviceCore field)
        {
            // Runs on the device's own thread (at boot), so the observer list is never shared mid-step.
            Log(d.Id).Attach(field.Device.Supervisor);
        }

        return core;
    }
}

/// <summary>Awaiting conditions with generous deadlines: a loaded 2-core machine is slow, never wrong.</summary>
public static class Wait
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException("Timed out after " + timeout.TotalSeconds + " s waiting for " + what());
            }

            // Device state has no event to await from the test thread; a short poll keeps the wait tight.
            await Task.Delay(25).ConfigureAwait(false);
        }
    }

    /// <summary>For conditions that are slow to ask (a rabbitmqctl call): asked again every half second.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException("Timed out after " + timeout.TotalSeconds + " s waiting for " + what());
            }

            await Task.Delay(500).ConfigureAwait(false);
        }
    }
}
