namespace NanoMqtt.Core.Platform
{
    /// <summary>
    /// When the device shell should call the Wi-Fi join (WifiNetworkHelper.ConnectDhcp). Each join writes the
    /// Wi-Fi profile to flash and interrupts the ESP32's own reconnect, so after one join has brought the link
    /// up the shell only watches the network events, and joins again only after the link has been down for
    /// <see cref="RejoinAfterMs"/>. Before the first success every request joins (the supervisor paces them).
    ///
    /// Not thread-safe: the shell calls it under its own lock.
    /// </summary>
    public sealed class WifiJoinPolicy
    {
        /// <summary>[wifi] rejoin_after: longer than an access point's reboot, well short of [watchdog] offline_reboot.</summary>
        public const long DefaultRejoinAfterMs = 5 * 60 * 1000;

        private readonly IClock _clock;
        public readonly long RejoinAfterMs;
        /// <summary>True once the link has been up (or the native join is expected): joins wait from then on.</summary>
        public bool JoinedOnce;
        private bool _up;
        private long _downSinceMs;

        /// <param name="rejoinAfterMs">Time without a link before a new join; 0 joins on every request.</param>
        /// <param name="nativeJoinExpected">The board's stored profile already holds the configured network,
        /// so its firmware joins by itself at boot: wait for that as for a rejoin, counting from now.</param>
        public WifiJoinPolicy(IClock clock, long rejoinAfterMs, bool nativeJoinExpected)
        {
            _clock = clock;
            RejoinAfterMs = rejoinAfterMs < 0 ? 0 : rejoinAfterMs;
            JoinedOnce = nativeJoinExpected;
            _downSinceMs = clock.NowMs;
        }

        /// <summary>The link's state as the network events (or a finished join) report it.</summary>
        public void LinkChanged(bool up)
        {
            if (up)
            {
                _up = true;
                JoinedOnce = true;
            }
            else if (_up)
            {
                _up = false;
                _downSinceMs = _clock.NowMs;
            }
        }

        /// <summary>
        /// Decides whether to join now. A "yes" counts as the join starting: the next one waits a whole
        /// <see cref="RejoinAfterMs"/> again. <paramref name="nextAskMs"/> is when a "no" may change
        /// (long.MaxValue while the link is up: only an event changes that).
        /// </summary>
        public bool Step(out long nextAskMs)
        {
            long now = _clock.NowMs;
            if (_up)
            {
                nextAskMs = long.MaxValue;
                return false;
            }

            if (!JoinedOnce)
            {
                nextAskMs = now;
                return true;
            }

            long due = _downSinceMs + RejoinAfterMs;
            if (now >= due)
            {
                _downSinceMs = now;
                nextAskMs = now + RejoinAfterMs;
                return true;
            }

            nextAskMs = due;
            return false;
        }
    }
}
