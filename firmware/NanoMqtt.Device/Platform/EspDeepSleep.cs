using System;
using nanoFramework.Hardware.Esp32;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Device.Platform
{
    /// <summary>IDeepSleep over nanoFramework.Hardware.Esp32: the RTC timer wakes the chip, which boots afresh.</summary>
    internal sealed class EspDeepSleep : IDeepSleep
    {
        /// <summary>True unless the RTC timer woke the chip: a power-on, the reset button or a deploy's reset.</summary>
        public static bool ColdBoot()
        {
            try
            {
                return nanoFramework.Hardware.Esp32.Sleep.GetWakeupCause() != nanoFramework.Hardware.Esp32.Sleep.WakeupCause.Timer;
            }
            catch (Exception)
            {
                // Unknown: staying awake a minute costs less than a board nobody can deploy to.
                return true;
            }
        }

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
