namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// Told once, just before the supervisor asks the platform to reboot (the offline watchdog, a "reboot"
    /// command), with the session ended and the in-flight messages back in the outbox: the last moment to
    /// store what must outlive the reboot. Set as RebootKeeper.Observer.
    /// </summary>
    public interface IRebootObserver
    {
        void OnRebooting(long nowMs);
    }
}
