using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>
    /// A clock the test moves by hand. <see cref="NowMs"/> is the monotonic time the core reads;
    /// <see cref="UnixSeconds"/> is the wall time (0 = not known yet, as before SNTP). Advance moves both.
    /// </summary>
    public sealed class FakeClock : IClock
    {
        public FakeClock()
        {
        }

        public FakeClock(long nowMs)
        {
            NowMs = nowMs;
        }

        /// <summary>A clock whose wall time is already known (unixSeconds 0 = not known yet).</summary>
        public FakeClock(long nowMs, long unixSeconds)
        {
            NowMs = nowMs;
            UnixSeconds = unixSeconds;
        }

        public long NowMs { get; set; }

        /// <summary>0 until set: the core must cope with an unknown wall time.</summary>
        public long UnixSeconds { get; set; }

        /// <summary>Moves time forward; the wall time follows (whole seconds) once it is known.</summary>
        public void Advance(long ms)
        {
            long before = NowMs / 1000;
            NowMs += ms;
            if (UnixSeconds > 0)
            {
                UnixSeconds += NowMs / 1000 - before;
            }
        }
    }
}
