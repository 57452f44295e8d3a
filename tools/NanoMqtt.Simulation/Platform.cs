using System.Collections.Concurrent;
using System.Diagnostics;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Simulation;

/// <summary>
/// <see cref="IClock"/> for the PC: milliseconds since this clock's boot from one shared Stopwatch (so
/// thousands of clocks cost nothing), and the wall time from the system unless it is declared unknown.
/// </summary>
public sealed class SystemClock : IClock
{
    private static readonly Stopwatch Process = Stopwatch.StartNew();
    private long _bootMs;

    public SystemClock()
    {
        _bootMs = Process.ElapsedMilliseconds;
    }

    /// <summary>Milliseconds since the process started: the time base of <see cref="DeviceHost"/>.</summary>
    public static long ProcessMs => Process.ElapsedMilliseconds;

    public long NowMs => Process.ElapsedMilliseconds - _bootMs;

    /// <summary>False simulates a device before SNTP: <see cref="UnixSeconds"/> is then 0.</summary>
    public bool WallTimeKnown { get; set; } = true;

    public long UnixSeconds => WallTimeKnown ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() : 0;

    /// <summary>A reboot: the monotonic time starts again at 0.</summary>
    public void Restart()
    {
        _bootMs = Process.ElapsedMilliseconds;
    }
}

/// <summary>Seeded randomness for backoff jitter: the same seed gives the same attempts.</summary>
public sealed class SeededJitter : IJitterSource
{
    private readonly Random _random;

    public SeededJitter(int seed)
    {
        _random = new Random(seed);
    }

    public int Next(int maxExclusive)
    {
        return maxExclusive <= 0 ? 0 : _random.Next(maxExclusive);
    }
}

/// <summary>
/// The IP link under MQTT. Always up by default (a PC); a test or the fault suite sets <see cref="IsUp"/>
/// to script Wi-Fi outages, and <see cref="Changed"/> wakes the device so that it reacts at once.
/// </summary>
public sealed class SimNetworkLink : INetworkLink
{
    private volatile bool _up = true;
    private int _upRequests;

    public bool IsUp
    {
        get => _up;
        set
        {
            if (_up != value)
            {
                _up = value;
                Changed?.Invoke();
            }
        }
    }

    public int Rssi { get; set; } = -58;

    /// <summary>How many times the core asked to rejoin the network.</summary>
    public int UpRequests => Volatile.Read(ref _upRequests);

    /// <summary>When true, a RequestUp brings a down link back up (Wi-Fi rejoins); scripted outages set it false.</summary>
    public bool RejoinOnRequest { get; set; } = true;

    public Action Changed { get; set; }

    public void RequestUp()
    {
        Interlocked.Increment(ref _upRequests);
        if (RejoinOnRequest && !_up)
        {
            IsUp = true;
        }
    }
}

/// <summary>In-memory <see cref="ISettingsStore"/>; keep the instance across a simulated reboot.</summary>
public sealed class MemorySettingsStore : ISettingsStore
{
    private readonly ConcurrentDictionary<string, string> _values = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>When true every write fails, to test the core's handling of a broken flash.</summary>
    public bool FailWrites { get; set; }

    public IReadOnlyDictionary<string, string> Snapshot() => new Dictionary<string, string>(_values);

    public string Read(string key)
    {
        return key != null && _values.TryGetValue(key, out string value) ? value : null;
    }

    public bool Write(string key, string value)
    {
        if (FailWrites || key == null)
        {
            return false;
        }

        if (value == null)
        {
            _values.TryRemove(key, out _);
        }
        else
        {
            _values[key] = value;
        }

        return true;
    }
}

/// <summary>
/// The simulated board. <see cref="Reboot"/> only records the request: the <see cref="SimulatedDevice"/>
/// restarts its core after the current step, the way the chip would restart the firmware.
/// </summary>
public sealed class SimDevicePlatform : IDevicePlatform
{
    private int _rebootRequested;

    public int Reboots { get; private set; }

    public long FreeHeapBytes { get; set; } = 96 * 1024;

    public string HardwareResetReason { get; private set; } = "power_on";

    public void Reboot()
    {
        Interlocked.Exchange(ref _rebootRequested, 1);
    }

    /// <summary>The chip booted at the end of a deep sleep (battery mode), not from a reboot.</summary>
    public void NoteDeepSleepWake()
    {
        HardwareResetReason = "deep_sleep";
    }

    /// <summary>True once per Reboot call; the device then restarts.</summary>
    public bool TakeRebootRequest()
    {
        if (Interlocked.Exchange(ref _rebootRequested, 0) == 0)
        {
            return false;
        }

        Reboots++;
        HardwareResetReason = "software";
        return true;
    }
}

/// <summary>
/// The simulated deep sleep ([power] mode = sleep). The core calls <see cref="Sleep"/> at the end of a
/// wake; on the board the call never returns and the chip boots afresh after the time. Here it records
/// the request and returns: <see cref="SimulatedDevice"/> takes it after the step, drops the core, and
/// boots a new one (same settings store, where the unsent readings wait) when the time has passed.
/// </summary>
public sealed class SimDeepSleep : IDeepSleep
{
    private long _requestedMs = -1;
    private int _sleeps;
    private long _lastMs = -1;

    /// <summary>
    /// Caps the simulated sleep: the core still asks for interval minus awake time, but the device wakes
    /// after at most this long. Tests compress the sleep this way without breaking the core's own rule
    /// that awake_max is shorter than the interval. Null (the default) sleeps for the time asked.
    /// </summary>
    public TimeSpan? MaxSleep { get; set; }

    /// <summary>Sleeps requested so far (one per finished wake).</summary>
    public int Sleeps => Volatile.Read(ref _sleeps);

    /// <summary>The sleep the core asked for last, in ms; -1 before the first.</summary>
    public long LastRequestedMs => Interlocked.Read(ref _lastMs);

    public void Sleep(long ms)
    {
        Interlocked.Exchange(ref _requestedMs, ms < 0 ? 0 : ms);
    }

    /// <summary>True once per Sleep call, with the time the device should actually sleep (after <see cref="MaxSleep"/>).</summary>
    public bool TakeRequest(out long sleepMs)
    {
        long ms = Interlocked.Exchange(ref _requestedMs, -1);
        if (ms < 0)
        {
            sleepMs = 0;
            return false;
        }

        Interlocked.Increment(ref _sleeps);
        Interlocked.Exchange(ref _lastMs, ms);
        long cap = MaxSleep is TimeSpan max ? (long)max.TotalMilliseconds : long.MaxValue;
        sleepMs = ms < cap ? ms : cap;
        return true;
    }
}
