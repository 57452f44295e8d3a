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
            return Draw();
        }

        /// <summary>
        /// The delay after an established session was lost: the ceiling first rises to the session-loss
        /// spread (bounded by the cap) and grows from there. A fleet that lost one broker then spreads its
        /// first attempts, and the retries of those that fail while the broker is still down, over windows
        /// too wide to come back in lock step.
        /// </summary>
        public long NextDelayAfterSessionLossMs()
        {
            long spread = _options.SessionLossSpreadMs < _options.CapMs ? _options.SessionLossSpreadMs : _options.CapMs;
            if (spread > _ceilingMs)
            {
                _ceilingMs = spread;
            }

            return Draw();
        }

        private long Draw()
        {
            long ceiling = _ceilingMs;
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
            long grown = ceiling * _options.Multiplier;
            _ceilingMs = grown > cap || grown < ceiling ? cap : grown;
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
