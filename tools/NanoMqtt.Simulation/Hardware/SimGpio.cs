using System.Collections.Concurrent;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Simulation.Hardware;

/// <summary>A GPIO output that records its level and how often it was written.</summary>
public sealed class SimDigitalOutput : IDigitalOutput
{
    private volatile bool _level;
    private int _writes;
    private int _changes;

    public SimDigitalOutput(int pin)
    {
        Pin = pin;
    }

    public int Pin { get; }

    public bool Level => _level;

    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Writes that changed the level: what wears out a relay.</summary>
    public int Changes => Volatile.Read(ref _changes);

    public void Write(bool high)
    {
        Interlocked.Increment(ref _writes);
        if (_level != high)
        {
            Interlocked.Increment(ref _changes);
        }

        _level = high;
    }
}

/// <summary>
/// A GPIO input whose level a test or the simulator sets. Each change is queued with the device's clock
/// time, as the board's ValueChanged thread would, and <see cref="Changed"/> wakes the device.
/// </summary>
public sealed class SimDigitalInput : IDigitalInput
{
    private readonly IClock _clock;
    private readonly ConcurrentQueue<(bool Level, long AtMs)> _changes = new ConcurrentQueue<(bool, long)>();
    private volatile bool _level;

    public SimDigitalInput(int pin, bool pullUp, long debounceMs, IClock clock)
    {
        Pin = pin;
        PullUp = pullUp;
        DebounceMs = debounceMs;
        _clock = clock;
        _level = pullUp;
    }

    public int Pin { get; }
    public bool PullUp { get; }
    public long DebounceMs { get; }

    public Action Changed { get; set; }

    public bool Read() => _level;

    /// <summary>Drives the pin to a level; a change is queued for the core.</summary>
    public void Set(bool level)
    {
        if (_level == level)
        {
            return;
        }

        _level = level;
        _changes.Enqueue((level, _clock.NowMs));
        Changed?.Invoke();
    }

    public void Toggle() => Set(!_level);

    public bool TryTakeChange(out bool level, out long atMs)
    {
        if (_changes.TryDequeue(out var change))
        {
            level = change.Level;
            atMs = change.AtMs;
            return true;
        }

        level = _level;
        atMs = 0;
        return false;
    }
}

/// <summary>A PWM channel that records its duty cycle (hundredths of a percent).</summary>
public sealed class SimPwmOutput : IPwmOutput
{
    private volatile int _duty;

    public SimPwmOutput(int pin, int frequencyHz)
    {
        Pin = pin;
        FrequencyHz = frequencyHz;
    }

    public int Pin { get; }
    public int FrequencyHz { get; }
    public int Duty => _duty;

    public void SetDuty(int dutyHundredthsPercent)
    {
        _duty = Math.Clamp(dutyHundredthsPercent, 0, 10000);
    }
}
