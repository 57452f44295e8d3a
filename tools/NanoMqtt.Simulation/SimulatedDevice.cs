using NanoMqtt.Simulation.Hardware;

namespace NanoMqtt.Simulation;

/// <summary>What a simulated device counts, for the live table and the --json summary.</summary>
public sealed class DeviceCounters
{
    public bool Online;
    /// <summary>In deep sleep between two wakes (battery mode): not offline, its status says `sleeping`.</summary>
    public bool Asleep;
    public long Published;
    public long Acknowledged;
    public long Dropped;
    public long Reconnects;
    public long CommandsApplied;

    /// <summary>This device's totals plus another's (the counters of earlier wakes carry over).</summary>
    internal DeviceCounters Plus(DeviceCounters other)
    {
        return new DeviceCounters
        {
            Online = other.Online,
            Asleep = other.Asleep,
            Published = Published + other.Published,
            Acknowledged = Acknowledged + other.Acknowledged,
            Dropped = Dropped + other.Dropped,
            Reconnects = Reconnects + other.Reconnects,
            CommandsApplied = CommandsApplied + other.CommandsApplied
        };
    }
}

/// <summary>
/// The firmware's logic as the simulator runs it: the core's FieldDevice, through an adapter that tests
/// may wrap to record what it does. Step and Shutdown follow the core's step-function contract.
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
/// In battery mode ([power] mode = sleep) one core is one wake: when the core calls its deep-sleep port
/// (<see cref="Sleeper"/>), the device drops the core, sleeps, and boots a new one afterwards with the
/// same settings store, where the readings it could not send wait for the next wake.
/// </summary>
public sealed class SimulatedDevice : ISteppedDevice
{
    private readonly DeviceCoreFactory _factory;
    private long _retryBootAt;
    private volatile bool _asleep;
    private long _wakeAtProcessMs;
    private DeviceCounters _earlierWakes = new DeviceCounters();

    /// <param name="settings">The flash to boot with: pass another device's store to restart "the same board" with a new config.</param>
    public SimulatedDevice(string id, string configText, string secretsText, int seed, DeviceCoreFactory factory, MqttnetLinkOptions linkOptions = null,
        MemorySettingsStore settings = null)
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
        Settings = settings ?? new MemorySettingsStore();
        Sleeper = new SimDeepSleep();
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

    /// <summary>The deep-sleep port the core calls in battery mode.</summary>
    public SimDeepSleep Sleeper { get; }

    /// <summary>True between the end of a wake and the next boot (battery mode).</summary>
    public bool IsAsleep => _asleep;

    public IDeviceCore Core { get; private set; }

    /// <summary>Why the core could not be built from the config, or null.</summary>
    public string BootError { get; private set; }

    public int Boots { get; private set; }

    /// <summary>Counters of the running core plus those of the earlier wakes in battery mode (zeros before boot).</summary>
    public DeviceCounters Counters
    {
        get
        {
            DeviceCounters earlier = Volatile.Read(ref _earlierWakes);
            if (_asleep)
            {
                return earlier.Plus(new DeviceCounters { Asleep = true });
            }

            IDeviceCore core = Core;
            return core == null ? earlier.Plus(new DeviceCounters()) : earlier.Plus(core.Counters);
        }
    }

    /// <summary>Connects the device's event sources to the host's wake-up.</summary>
    public void AttachWake(Action wake)
    {
        Link.EventQueued = wake;
        Network.Changed = wake;
        Hardware.InputChanged = wake;
    }

    public long Step(long nowMs)
    {
        if (_asleep)
        {
            long left = _wakeAtProcessMs - SystemClock.ProcessMs;
            if (left > 0)
            {
                return nowMs + left;
            }

            // The timer fires and the chip boots afresh: the monotonic time starts again at 0, and the
            // next step (at once) builds the core of the new wake.
            _asleep = false;
            Clock.Restart();
            Platform.NoteDeepSleepWake();
            return 0;
        }

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

        if (Sleeper.TakeRequest(out long sleepMs))
        {
            FallAsleep(sleepMs);
            return nowMs + sleepMs;
        }

        return next;
    }

    public void Shutdown()
    {
        Core?.Shutdown();
    }

    public bool IsStopped => Core == null || Core.IsStopped;

    private void FallAsleep(long sleepMs)
    {
        // Counted as one device across its wakes: the next core starts from zero.
        Volatile.Write(ref _earlierWakes, _earlierWakes.Plus(Core.Counters));
        // After the clean disconnect this does nothing. A session the core could not end in time dies
        // with the chip's radio, so the broker publishes the will, as it would for the board.
        Link.Abort();
        while (Link.Poll() != null)
        {
            // A booting chip has no old link events.
        }

        Core = null;
        _wakeAtProcessMs = SystemClock.ProcessMs + sleepMs;
        _asleep = true;
    }

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
