using System;
using nanoFramework.Hardware.Esp32;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Device.Platform
{
    /// <summary>IDeepSleep over nanoFramework.Hardware.Esp32: the RTC timer wakes the chip, which boots afresh.</summary>
    internal sealed class EspDeepSleep : IDeepSleep
    {
        public void Sleep(long ms)
        {
            EspNativeError armed = nanoFramework.Hardware.Esp32.Sleep.EnableWakeupByTimer(TimeSpan.FromTicks(ms * TimeSpan.TicksPerMillisecond));
            if (armed != EspNativeError.OK)
            {
                // Without a wake-up source deep sleep would last for ever; a reboot starts the next wake now.
                nanoFramework.Runtime.Native.Power.RebootDevice();
            }

            nanoFramework.Hardware.Esp32.Sleep.StartDeepSleep();
        }
    }
}
