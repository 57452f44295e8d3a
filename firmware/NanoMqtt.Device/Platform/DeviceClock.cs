using System;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Device.Platform
{
    /// <summary>
    /// NowMs is Environment.TickCount64 (package nanoFramework.Runtime.Native): milliseconds since boot,
    /// monotonic. DateTime.UtcNow is not: it starts near 1970 or 2000 at boot and jumps when SNTP sets it,
    /// so it only serves UnixSeconds, and only once it holds a plausible date.
    /// </summary>
    internal sealed class DeviceClock : IClock
    {
        // Before SNTP has run the clock reads a date in the past; anything earlier than this is "unknown".
        private const int FirstPlausibleYear = 2025;

        private static readonly DateTime UnixEpoch = new DateTime(1970, 1, 1, 0, 0, 0);

        public long NowMs
        {
            get { return Environment.TickCount64; }
        }

        public long UnixSeconds
        {
            get
            {
                DateTime now = DateTime.UtcNow;
                if (now.Year < FirstPlausibleYear)
                {
                    return 0;
                }

                return (now - UnixEpoch).Ticks / TimeSpan.TicksPerSecond;
            }
        }
    }
}
