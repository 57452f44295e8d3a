using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// Exponential backoff with full jitter: the n-th consecutive failure waits a random time in
    /// [floor, min(cap, base * multiplier^n)]. Deterministic under an injected <see cref="IJitterSource"/>.
    /// </summary>
    public sealed class Backoff
    {
        private readonly BackoffOptions _options;
        private readonly IJitterSource _jitter;
        private int _failures;
        private long _ceilingMs;

        public Backoff(BackoffOptions options, IJitterSource jitter)
        {
            _options = options ?? new BackoffOptions();
            _jitter = jitter;
            Reset();
        }

        /// <summary>Consecutive failures since the last reset: how many delays were drawn.</summary>
        public int Failures
        {
            get { return _failures; }
        }

        /// <summary>The longest delay the next <see cref="NextDelayMs"/> may return.</summary>
        public long CeilingMs
        {
            get { return _ceilingMs; }
        }

        /// <summary>The delay before the next attempt; each call counts one more failure and grows the ceiling.</summary>
        public long NextDelayMs()
        {
            return Draw(_ceilingMs);
        }

        /// <summary>
        /// The delay after an established session was lost: like <see cref="NextDelayMs"/>, but drawn from at
        /// least the session-loss spread (bounded by the cap), so a fleet that lost one broker spreads out.
        /// </summary>
        public long NextDelayAfterSessionLossMs()
        {
            long spread = _options.SessionLossSpreadMs < _options.CapMs ? _options.SessionLossSpreadMs : _options.CapMs;
            return Draw(spread > _ceilingMs ? spread : _ceilingMs);
        }

        private long Draw(long ceiling)
        {
            long floor = _options.MinDelayMs < ceiling ? _options.MinDelayMs : ceiling;
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

            _failures++;
            long cap = _options.CapMs;
            long grown = _ceilingMs * _options.Multiplier;
            _ceilingMs = grown > cap || grown < _ceilingMs ? cap : grown;
            return delay;
        }

        /// <summary>Starts again from the base ceiling (after a stable period online).</summary>
        public void Reset()
        {
            _failures = 0;
            _ceilingMs = _options.BaseMs < _options.CapMs ? _options.BaseMs : _options.CapMs;
            if (_ceilingMs < 1)
            {
                _ceilingMs = 1;
            }
        }
    }
}
