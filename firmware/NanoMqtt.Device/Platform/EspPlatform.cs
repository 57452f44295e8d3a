using nanoFramework.Runtime.Native;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Device.Platform
{
    /// <summary>IDevicePlatform over nanoFramework.Runtime.Native.</summary>
    internal sealed class EspPlatform : IDevicePlatform
    {
        public void Reboot()
        {
            Power.RebootDevice(RebootOption.NormalReboot);
        }

        /// <summary>
        /// The managed heap left after a collection (GC.Run returns it). A full collection costs a few
        /// milliseconds, which is fine at diag's pace (once a minute by default) but not on a hot path.
        /// </summary>
        public long FreeHeapBytes
        {
            get { return nanoFramework.Runtime.Native.GC.Run(false); }
        }

        /// <summary>
        /// None of the pinned packages exposes the ESP32's reset reason (esp_reset_reason): neither
        /// nanoFramework.Hardware.Esp32 1.6.40 nor nanoFramework.Runtime.Native 1.7.11. The core still reports
        /// why it rebooted itself (watchdog, command), which it stores before calling Reboot.
        /// </summary>
        public string HardwareResetReason
        {
            get { return null; }
        }
    }
}
