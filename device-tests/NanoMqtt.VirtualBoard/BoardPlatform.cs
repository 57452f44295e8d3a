using NanoMqtt.Core.Platform;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>
    /// The board: counts reboot requests (the day must have none) and reports the free heap of the driver's
    /// last measurement, so that diag does not add a collection of its own between the driver's samples.
    /// </summary>
    internal sealed class BoardPlatform : IDevicePlatform
    {
        public int Reboots { get; private set; }

        public long FreeHeapBytes { get; set; }

        public string HardwareResetReason
        {
            get { return null; }
        }

        public void Reboot()
        {
            Reboots++;
        }
    }
}
