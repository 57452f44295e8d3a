using System.Device.Gpio;
using System.Threading;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Device.Hardware
{
    /// <summary>
    /// A GPIO input. ValueChanged runs on nanoFramework's GPIO event thread: it only records the edge in a
    /// small ring (under _sync) and wakes the step thread, which takes the edges with TryTakeChange. The pin's
    /// DebounceTimeout filters contact bounce natively; the core debounces again by its own rule.
    /// </summary>
    internal sealed class GpioDigitalInput : IDigitalInput
    {
        // A chattering contact must not eat the heap: when full, the oldest edge is dropped (the latest level
        // is what matters, and Read() always tells the truth).
        private const int Capacity = 16;

        private readonly GpioPin _pin;
        private readonly IClock _clock;
        private readonly AutoResetEvent _wake;
        private readonly object _sync = new object();
        private readonly bool[] _levels = new bool[Capacity];
        private readonly long[] _times = new long[Capacity];
        private int _head;
        private int _count;

        public GpioDigitalInput(GpioPin pin, IClock clock, AutoResetEvent wake)
        {
            _pin = pin;
            _clock = clock;
            _wake = wake;
            _pin.ValueChanged += OnValueChanged;
        }

        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }

        public bool TryTakeChange(out bool level, out long atMs)
        {
            lock (_sync)
            {
                if (_count == 0)
                {
                    level = false;
                    atMs = 0;
                    return false;
                }

                level = _levels[_head];
                atMs = _times[_head];
                _head = (_head + 1) % Capacity;
                _count--;
                return true;
            }
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            bool level = e.ChangeType == PinEventTypes.Rising;
            long at = _clock.NowMs;
            lock (_sync)
            {
                if (_count == Capacity)
                {
                    _head = (_head + 1) % Capacity;
                    _count--;
                }

                int tail = (_head + _count) % Capacity;
                _levels[tail] = level;
                _times[tail] = at;
                _count++;
            }

            _wake.Set();
        }
    }
}
