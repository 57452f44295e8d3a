using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// Reconnect delays. A costly failure (the broker did work: a CONNACK refusal, a TLS failure, a timeout, a
    /// connection dropped after CONNACK) waits with exponential backoff and full jitter: the n-th consecutive one
    /// waits a random time in [floor, min(cap, base * multiplier^n)]. A cheap failure (a refused TCP connect,
    /// which costs the broker nothing) never widens the wait beyond the window (the session-loss spread): once a
    /// delay was drawn over the whole window, the device probes once per window, so a fleet keeps the spread of
    /// its first draws and arrives over about one window whenever the broker is back. Deterministic under an
    /// injected <see cref="IJitterSource"/>.
    /// </summary>
    public sealed class Backoff
    {
        // Probes while refused are one window apart plus up to an eighth of one: enough to keep devices from
        // locking into step, and the last of a fleet still arrives within 1.125 windows of the broker's return.
        private const int ProbeJitterDivisor = 8;

        private readonly BackoffOptions _options;
        private readonly IJitterSource _jitter;
        /// <summary>Consecutive failures since the last reset: how many delays were drawn.</summary>
        public int Failures;
        /// <summary>The longest delay the next <see cref="NextDelayMs"/> may return.</summary>
        public long CeilingMs;
        /// <summary>True once a delay was drawn over the whole window: the next attempt's phase within it is random.</summary>
        public bool Spread;

        public Backoff(BackoffOptions options, IJitterSource jitter)
        {
            _options = options ?? new BackoffOptions();
            _jitter = jitter;
            Reset();
        }

        /// <summary>
        /// The window of a fleet's arrival: the session-loss spread, at least the base and at most the cap.
        /// Refused probes are spaced by it.
        /// </summary>
        public long WindowMs
        {
            get
            {
                long window = _options.SessionLossSpreadMs > _options.BaseMs ? _options.SessionLossSpreadMs : _options.BaseMs;
                return window < _options.CapMs ? window : _options.CapMs;
            }
        }

        /// <summary>
        /// The delay after an established session was lost: the ceiling first rises to the session-loss
        /// spread (bounded by the cap) and grows from there. A fleet that lost one broker then spreads its
        /// first attempts over the window instead of coming back in lock step.
        /// </summary>
        public long NextDelayAfterSessionLossMs()
        {
            long spread = _options.SessionLossSpreadMs < _options.CapMs ? _options.SessionLossSpreadMs : _options.CapMs;
            if (spread > CeilingMs)
            {
                CeilingMs = spread;
            }

            return NextDelayMs();
        }

        /// <summary>
        /// The delay after a cheap failure (<see cref="LinkFailure.Refused"/>). Until a delay was drawn over the
        /// whole window, as <see cref="NextDelayMs"/> with the ceiling held to the window; from then on one window
        /// plus a little jitter, whatever the downtime, so the retries keep the phase the spread gave them.
        /// </summary>
        public long NextDelayAfterRefusalMs()
        {
            long window = WindowMs;
            if (Spread)
            {
                Failures++;
                return Between(window, window + window / ProbeJitterDivisor);
            }

            long before = CeilingMs;
            if (CeilingMs > window)
            {
                CeilingMs = window;
            }

            long delay = NextDelayMs();
            // A refusal never widens the ceiling beyond the window, nor narrows what costly failures widened.
            long grown = CeilingMs < window ? CeilingMs : window;
            CeilingMs = grown > before ? grown : before;
            return delay;
        }

        /// <summary>
        /// The delay before trying the next broker of the list after a refusal: within the base (at least the
        /// floor). The spread was paid before the attempt that was refused; the ceiling does not change.
        /// </summary>
        public long NextDelayOnNextBrokerMs()
        {
            Failures++;
            long ceiling = _options.BaseMs < WindowMs ? _options.BaseMs : WindowMs;
            return Between(BackoffOptions.MinDelayMs, ceiling);
        }

        /// <summary>The delay after a costly failure; each call counts one more failure and grows the ceiling.</summary>
        public long NextDelayMs()
        {
            long ceiling = CeilingMs;
            long delay = Between(BackoffOptions.MinDelayMs, ceiling);
            if (ceiling >= WindowMs)
            {
                Spread = true;
            }

            Failures++;
            long cap = _options.CapMs;
            long grown = ceiling * _options.Multiplier;
            CeilingMs = grown > cap || grown < ceiling ? cap : grown;
            return delay;
        }

        /// <summary>A random delay in [floor, ceiling]; a floor above the ceiling is the ceiling.</summary>
        private long Between(long floor, long ceiling)
        {
            if (floor > ceiling)
            {
                floor = ceiling;
            }

            long span = ceiling - floor;
            long delay = floor;
            if (span > 0 && _jitter != null)
            {
                int drawn = _jitter.Next((int)span + 1);
                // A misbehaving source must not push the delay outside its bounds.
                if (drawn > 0)
                {
                    delay += drawn > span ? span : drawn;
                }
            }

            return delay;
        }

        /// <summary>Starts again from the base ceiling (after a stable period online).</summary>
        public void Reset()
        {
            Failures = 0;
            Spread = false;
            CeilingMs = _options.BaseMs < _options.CapMs ? _options.BaseMs : _options.CapMs;
            if (CeilingMs < 1)
            {
                CeilingMs = 1;
            }
        }
    }
}
