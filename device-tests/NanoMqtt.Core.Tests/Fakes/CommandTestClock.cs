using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>A clock the command and actuator tests set by hand. UnixSeconds 0 means "not known yet".</summary>
    public sealed class CommandTestClock : IClock
    {
        public long Now;
        public long Unix;

        public CommandTestClock(long nowMs, long unixSeconds)
        {
            Now = nowMs;
            Unix = unixSeconds;
        }

        public long NowMs
        {
            get { return Now; }
        }

        public long UnixSeconds
        {
            get { return Unix; }
        }

        /// <summary>Moves both clocks on (the wall clock only when it is known).</summary>
        public void Advance(long ms)
        {
            Now += ms;
            if (Unix > 0)
            {
                Unix += ms / 1000;
            }
        }
    }
}
