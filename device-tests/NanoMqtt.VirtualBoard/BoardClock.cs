using NanoMqtt.Core.Platform;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>
    /// The day's clock, moved by the driver. The wall time is known from the start (as after SNTP), so every
    /// reading carries its "t" field and has its real size in the outbox.
    /// </summary>
    internal sealed class BoardClock : IClock
    {
        // 2025-11-25 00:00:00 UTC: any fixed date gives the same payload sizes.
        private const long WallAtZero = 1764028800;

        public long NowMs { get; set; }

        public long UnixSeconds
        {
            get { return WallAtZero + NowMs / 1000; }
        }
    }
}
