using NanoMqtt.Simulation.Hardware;

namespace NanoMqtt.Simulation;

/// <summary>What a simulated device counts, for the live table and the --json summary.</summary>
public sealed class DeviceCounters
{
    public bool Online;
    public long Published;
    public long Acknowledged;
    public long Dropped;
    public long Reconnects;
    public long CommandsApplied;
}

/// <summary>
/// The firmware's logic as the simulator runs it: the core's FieldDevice (through an adapter) or a
/// stand-in. Step and Shutdown follow the core's step-function contract.
/// </summary>
public interface IDeviceCore
{
    long Step(long nowMs);

    /// <summary>Starts a planned stop; the core may need more steps to finish it (see <see cref="IsStopped"/>).</summary>
    void Shutdown();

    /// <summary>True once a planned stop has finished (`offline` confirmed and disconnected).</summary>
    bool IsStopped { get; }

    DeviceCounters Counters { get; }
}

/// <summary>Builds the device's logic from its config texts and ports; null and an error when the config is refused.</summary>
public delegate IDeviceCore DeviceCoreFactory(SimulatedDevice device, out string error);

/// <summary>
/// One simulated device: the firmware minus the hardware. It owns the PC ports (an MQTTnet link, an
/// always-up network, a clock, seeded jitter, settings that survive a reboot, the simulated board and
/// sensors) and a core built by a <see cref="DeviceCoreFactory"/>. A reboot asked by the core restarts
/// the core with a fresh clock and link, keeping the settings, as the chip would.
/// </summary>
public sealed class SimulatedDevice : ISteppedDevice
{
    private readonly DeviceCoreFactory _factory;
    private long _retryBootAt;

    public SimulatedDevice(string id, string configText, string secretsText, int seed, DeviceCoreFactory factory, MqttnetLinkOptions linkOptions = null)
    {
        Id = id;
        ConfigText = configText;
        SecretsText = secretsText ?? "";
        Seed = seed;
        _factory = factory;
        Clock = new SystemClock();
        Link = new MqttnetLink(linkOptions);
        Network = new SimNetworkLink();
        Jitter = new SeededJitter(seed);
        Settings = new MemorySettingsStore();
        Platform = new SimDevicePlatform();
        Hardware = new SimHardwareFactory(Clock, seed);
    }

    public string Id { get; }
    public string ConfigText { get; }
    public string SecretsText { get; }
    public int Seed { get; }

    public SystemClock Clock { get; }
    public MqttnetLink Link { get; }
    public SimNetworkLink Network { get; }
    public SeededJitter Jitter { get; }
    public MemorySettingsStore Settings { get; }
    public SimDevicePlatform Platform { get; }
    public SimHardwareFactory Hardware { get; }

    public IDeviceCore Core { get; private set; }

    /// <summary>Why the core could not be built from the config, or null.</summary>
    public string BootError { get; private set; }

    public int Boots { get; private set; }

    /// <summary>Counters of the running core (zeros before boot).</summary>
    public DeviceCounters Counters => Core?.Counters ?? new DeviceCounters();

    /// <summary>Connects the device's event sources to the host's wake-up.</summary>
    public void AttachWake(Action wake)
    {
        Link.EventQueued = wake;
        Network.Changed = wake;
        Hardware.InputChanged = wake;
    }

    public long Step(long nowMs)
    {
        if (Core == null)
        {
            if (nowMs < _retryBootAt || !Boot())
            {
                // A refused config does not crash the fleet: the device stays down and says why.
                _retryBootAt = nowMs + 60_000;
                return _retryBootAt;
            }
        }

        long next = Core.Step(nowMs);
        if (Platform.TakeRebootRequest())
        {
            Link.Abort();
            Core = null;
            Clock.Restart();
            return 0;
        }

        return next;
    }

    public void Shutdown()
    {
        Core?.Shutdown();
    }

    public bool IsStopped => Core == null || Core.IsStopped;

    private bool Boot()
    {
        IDeviceCore core = _factory(this, out string error);
        if (core == null)
        {
            BootError = error ?? "the device core could not be built";
            return false;
        }

        BootError = null;
        Boots++;
        Core = core;
        return true;
    }
}
