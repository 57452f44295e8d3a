using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>A hand-set clock for the sensor tests; UnixSeconds is 0 until a test sets the wall time.</summary>
    public sealed class SensorTestClock : IClock
    {
        public long Now;
        public long Unix;

        public long NowMs
        {
            get { return Now; }
        }

        public long UnixSeconds
        {
            get { return Unix; }
        }
    }
}
