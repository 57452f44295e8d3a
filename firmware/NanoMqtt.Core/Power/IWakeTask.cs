namespace NanoMqtt.Core.Power
{
    /// <summary>
    /// Work that a wake must finish before the device may sleep, beyond the outbox draining: a first
    /// sample of each sensor, the Home Assistant discovery burst. The awake-time bound ends a wake even
    /// when a task never finishes.
    /// </summary>
    public interface IWakeTask
    {
        bool Done { get; }
    }
}
