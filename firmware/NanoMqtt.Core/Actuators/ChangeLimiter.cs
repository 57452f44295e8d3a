namespace NanoMqtt.Core.Actuators
{
    /// <summary>
    /// At most N changes in any sliding window: a ring of the last N change times, exact (no token-bucket
    /// rounding). The ring holds at most <see cref="MaxTracked"/> times so that a generous limit (6000 a
    /// minute for a PWM fader) does not cost kilobytes: above that, the same rate is enforced as
    /// MaxTracked changes per proportionally shorter window (6000/min becomes 32 per 320 ms).
    /// </summary>
    public sealed class ChangeLimiter
    {
        private readonly long[] _times;
        private readonly long _windowMs;
        private int _next;
        private int _count;

        public const int MaxTracked = 32;

        /// <summary>maxChanges 0 means no limit.</summary>
        public ChangeLimiter(int maxChanges, long windowMs)
        {
            if (maxChanges > MaxTracked)
            {
                windowMs = windowMs * MaxTracked / maxChanges;
                maxChanges = MaxTracked;
            }

            _times = new long[maxChanges > 0 ? maxChanges : 0];
            _windowMs = windowMs > 0 ? windowMs : 1;
        }

        public bool Allows(long nowMs)
        {
            return NextAllowedMs(nowMs) <= nowMs;
        }

        /// <summary>The earliest time a change is allowed: nowMs or later.</summary>
        public long NextAllowedMs(long nowMs)
        {
            if (_times.Length == 0 || _count < _times.Length)
            {
                return nowMs;
            }

            // The ring is full, so _next points at the oldest of the last N changes.
            long allowed = _times[_next] + _windowMs;
            return allowed > nowMs ? allowed : nowMs;
        }

        public void Record(long nowMs)
        {
            if (_times.Length == 0)
            {
                return;
            }

            _times[_next] = nowMs;
            _next = (_next + 1) % _times.Length;
            if (_count < _times.Length)
            {
                _count++;
            }
        }
    }
}
