namespace NanoMqtt.Simulation;

/// <summary>
/// A fleet of simulated devices on one <see cref="DeviceHost"/>: add devices, start, and stop cleanly
/// (each device's Shutdown on its own thread, then wait for the DISCONNECTs to leave).
/// </summary>
public sealed class SimFleet : IAsyncDisposable
{
    private readonly DeviceCoreFactory _factory;
    private readonly List<SimulatedDevice> _devices = new List<SimulatedDevice>();
    private readonly List<HostedDevice> _hosted = new List<HostedDevice>();
    private bool _stopped;

    public SimFleet(DeviceCoreFactory factory, int threads = 0)
    {
        _factory = factory;
        Host = new DeviceHost(threads);
    }

    public DeviceHost Host { get; }

    /// <summary>A snapshot: devices may be added while a view reads it.</summary>
    public IReadOnlyList<SimulatedDevice> Devices
    {
        get { lock (_devices) { return _devices.ToArray(); } }
    }

    /// <param name="settings">Boot on this flash (another device's store): the same board restarted with a new config.</param>
    public SimulatedDevice Add(string id, string configText, string secretsText, int seed, MqttnetLinkOptions linkOptions = null, MemorySettingsStore settings = null)
    {
        var device = new SimulatedDevice(id, configText, secretsText, seed, _factory, linkOptions, settings);
        HostedDevice hosted = Host.Add(device, device.Clock);
        device.AttachWake(hosted.Wake);
        lock (_devices)
        {
            _devices.Add(device);
            _hosted.Add(hosted);
        }

        return device;
    }

    public void Start() => Host.Start();

    /// <summary>Shuts every device down (they publish `offline`), then waits up to <paramref name="drain"/> for their links to close.</summary>
    public async Task StopAsync(TimeSpan drain)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await Host.StopAsync(shutdownDevices: true).ConfigureAwait(false);
        IReadOnlyList<SimulatedDevice> devices = Devices;
        Task closing = Task.WhenAll(devices.Select(d => d.Link.WhenClosedAsync()));
        await Task.WhenAny(closing, Task.Delay(drain)).ConfigureAwait(false);
        foreach (SimulatedDevice d in devices)
        {
            d.Link.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }
}
