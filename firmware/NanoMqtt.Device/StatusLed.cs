using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Device
{
    /// <summary>
    /// Shows the connection state on one LED, so a user in the field can tell what is wrong without a PC.
    /// Patterns repeat every 2 s (a flash is 100 ms on, 200 ms off):
    ///   1 flash  - no Wi-Fi (joining, or the SSID/password is wrong);
    ///   2 flashes - Wi-Fi up, no broker (connecting, refused, or waiting for the next attempt);
    ///   fast blink (5 Hz) - broker connected, subscribing and sending birth (lasts a moment);
    ///   steady on - online;
    ///   3 flashes - no valid configuration (see the serial log: the error names the file and line);
    ///   off - shut down or rebooting.
    /// Driven from the step thread only.
    /// </summary>
    internal sealed class StatusLed
    {
        public const int ConfigErrorFlashes = 3;

        private const long PeriodMs = 2000;
        private const long FlashOnMs = 100;
        private const long FlashSlotMs = 300;
        private const long FastHalfPeriodMs = 100;

        private readonly IDigitalOutput _led;
        private bool _lit;
        private bool _written;

        public StatusLed(IDigitalOutput led)
        {
            _led = led;
        }

        /// <summary>Sets the LED for this moment and returns when it next changes (long.MaxValue: never).</summary>
        public long Show(ConnectionState state, long nowMs)
        {
            switch (state)
            {
                case ConnectionState.WifiDown:
                    return Flashes(1, nowMs);
                case ConnectionState.WifiUp:
                case ConnectionState.Connecting:
                    return Flashes(2, nowMs);
                case ConnectionState.Connected:
                case ConnectionState.Subscribed:
                    Set((nowMs / FastHalfPeriodMs) % 2 == 0);
                    return (nowMs / FastHalfPeriodMs + 1) * FastHalfPeriodMs;
                case ConnectionState.Online:
                    Set(true);
                    return long.MaxValue;
                default:
                    Set(false);
                    return long.MaxValue;
            }
        }

        /// <summary>The "no valid configuration" pattern (before any core state exists).</summary>
        public long ShowConfigError(long nowMs)
        {
            return Flashes(ConfigErrorFlashes, nowMs);
        }

        private long Flashes(int count, long nowMs)
        {
            long start = nowMs - nowMs % PeriodMs;
            long phase = nowMs - start;
            long slot = phase / FlashSlotMs;
            if (slot < count)
            {
                long inSlot = phase - slot * FlashSlotMs;
                bool on = inSlot < FlashOnMs;
                Set(on);
                return start + slot * FlashSlotMs + (on ? FlashOnMs : FlashSlotMs);
            }

            Set(false);
            return start + PeriodMs;
        }

        private void Set(bool lit)
        {
            if (_led == null || (_written && lit == _lit))
            {
                return;
            }

            _led.Write(lit);
            _lit = lit;
            _written = true;
        }
    }
}
