using System.Device.Gpio;
using System.Threading;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Device.Hardware
{
    /// <summary>
    /// A GPIO input. ValueChanged runs on nanoFramework's GPIO event thread: it only records the edge in a
    /// EdgeQueue (under _sync) and wakes the step thread, which takes the edges with TryTakeChange. The pin's
    /// DebounceTimeout filters contact bounce natively; the core debounces again by its own rule.
    /// </summary>
    internal sealed class GpioDigitalInput : IDigitalInput
    {
        private readonly GpioPin _pin;
        private readonly IClock _clock;
        private readonly AutoResetEvent _wake;
        private readonly object _sync = new object();
        private readonly EdgeQueue _edges = new EdgeQueue(16);

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
                return _edges.TryTake(out level, out atMs);
            }
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            bool level = e.ChangeType == PinEventTypes.Rising;
            long at = _clock.NowMs;
            lock (_sync)
            {
                _edges.Add(level, at);
            }

            _wake.Set();
        }
    }
}
