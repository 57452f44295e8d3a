using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>The board, as a test sees it: counts reboots (Reboot returns), reports a settable heap and reset reason.</summary>
    public sealed class FakeDevicePlatform : IDevicePlatform
    {
        public FakeDevicePlatform()
        {
            FreeHeapBytes = 80000;
        }

        public int RebootCount { get; private set; }

        public long FreeHeapBytes { get; set; }

        /// <summary>Null by default: the hardware did not say.</summary>
        public string HardwareResetReason { get; set; }

        public void Reboot()
        {
            RebootCount++;
        }
    }
}
