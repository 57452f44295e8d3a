using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Health
{
    /// <summary>What <see cref="HeapGuard.Step"/> found.</summary>
    public enum HeapVerdict
    {
        /// <summary>Nothing to do.</summary>
        Fine = 0,
        /// <summary>The free heap fell below the floor: reboot, with <see cref="HeapGuard.Reason"/> recorded.</summary>
        Reboot,
        /// <summary>The floor is above what was free at boot: report <see cref="HeapGuard.Reason"/> once, never reboot.</summary>
        FloorTooHigh
    }

    /// <summary>
    /// Reboots on a low managed heap instead of letting the next allocation throw OutOfMemoryException
    /// half-way through a publish. It reads the free heap (after a collection, so every few seconds only)
    /// and keeps the lowest figure for diag. It reboots only after the heap was once above the floor since
    /// boot: a floor set above what the board has free after boot would otherwise reboot it for ever.
    /// </summary>
    public sealed class HeapGuard : IDiagContributor
    {
        public const long DefaultCheckPeriodMs = 10000;

        private readonly int _floorBytes;
        private readonly IDevicePlatform _platform;
        private readonly long _periodMs;
        private long _nextMs;
        /// <summary>The lowest free heap seen since boot, or -1 before the first reading.</summary>
        public long Lowest = -1;
        private bool _armed;
        private bool _done;
        /// <summary>Why the last verdict was not Fine.</summary>
        public string Reason;

        public HeapGuard(int floorBytes, IDevicePlatform platform, long periodMs)
        {
            _floorBytes = floorBytes;
            _platform = platform;
            _periodMs = periodMs > 0 ? periodMs : DefaultCheckPeriodMs;
        }

        /// <summary>Reads the heap when due; returns the verdict (not Fine at most once per boot) and the next time to step.</summary>
        public HeapVerdict Step(long nowMs, out long nextMs)
        {
            if (nowMs < _nextMs)
            {
                nextMs = _nextMs;
                return HeapVerdict.Fine;
            }

            _nextMs = nowMs + _periodMs;
            nextMs = _nextMs;
            long free = _platform.FreeHeapBytes;
            if (free < 0)
            {
                return HeapVerdict.Fine;
            }

            if (Lowest < 0 || free < Lowest)
            {
                Lowest = free;
            }

            if (_done || _floorBytes <= 0)
            {
                return HeapVerdict.Fine;
            }

            if (free >= _floorBytes)
            {
                _armed = true;
                return HeapVerdict.Fine;
            }

            _done = true;
            if (!_armed)
            {
                Reason = "[watchdog] heap_floor " + _floorBytes.ToString() + " is above the " + free.ToString()
                    + " bytes free after boot; the heap check is off until it is lowered";
                return HeapVerdict.FloorTooHigh;
            }

            Reason = "heap: " + free.ToString() + " bytes free, below the floor of " + _floorBytes.ToString();
            return HeapVerdict.Reboot;
        }

        /// <summary>Adds "heap_min" (lowest free heap since boot) and "heap_floor" to diag.</summary>
        public void WriteDiag(JsonWriter w)
        {
            w.Field("heap_min", Lowest);
            w.Field("heap_floor", _floorBytes);
        }
    }
}
