namespace NanoMqtt.Core.Platform
{
    /// <summary>
    /// Time as the core sees it. Every timing rule reads this, never DateTime or a timer, so that the
    /// tests drive time by hand and the device shell drives it from the real tick count.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since boot. Monotonic: it never jumps when SNTP sets the wall clock.</summary>
        long NowMs { get; }

        /// <summary>Seconds since the Unix epoch, or 0 while the wall time is not known (no SNTP yet).</summary>
        long UnixSeconds { get; }
    }
}
