namespace NanoMqtt.Core.Platform
{
    /// <summary>
    /// The board's deep sleep, for battery devices ([power] mode = sleep). The core calls it once per wake,
    /// after the broker session has ended cleanly (or the awake time ran out) and what must survive the
    /// sleep is in storage. The ESP32 shell arms the RTC timer and sleeps:
    /// Sleep.EnableWakeupByTimer(TimeSpan.FromTicks(ms * TimeSpan.TicksPerMillisecond)), then
    /// Sleep.StartDeepSleep() (nanoFramework.Hardware.Esp32); the chip then boots afresh, so the call does
    /// not return. The simulator records the request, returns, and starts a new device after ms.
    /// </summary>
    public interface IDeepSleep
    {
        /// <summary>Sleeps for ms milliseconds, then restarts the device. May not return.</summary>
        void Sleep(long ms);
    }
}
