namespace NanoMqtt.Core.Hardware
{
    /// <summary>
    /// A GPIO input (button, reed switch, PIR). The shell queues edges from the pin's ValueChanged event
    /// thread; the core takes them in its step, so the core's state has one owner.
    /// </summary>
    public interface IDigitalInput
    {
        /// <summary>The level now (true = high).</summary>
        bool Read();

        /// <summary>
        /// The next queued change: true when one was waiting, with its level and the IClock.NowMs time the
        /// shell saw it. The shell may already debounce in hardware (GpioPin.DebounceTimeout); the core
        /// debounces again so that the rule is the same everywhere.
        /// </summary>
        bool TryTakeChange(out bool level, out long atMs);
    }
}
