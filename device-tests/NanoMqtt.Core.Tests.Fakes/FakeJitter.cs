using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>
    /// Deterministic jitter. Seeded: a small xorshift generator, identical on the board and on .NET, so a
    /// seed replays the same attempts everywhere. Scripted: returns the given values in turn (each clamped
    /// into [0, max)) and repeats the last one. <see cref="AlwaysMax"/> and <see cref="AlwaysZero"/> give
    /// the slowest and the fastest possible backoff.
    /// </summary>
    public sealed class FakeJitter : IJitterSource
    {
        private const int ModeSeeded = 0;
        private const int ModeScripted = 1;
        private const int ModeMax = 2;

        private readonly int _mode;
        private readonly int[] _script;
        private ulong _state;
        private int _next;

        private FakeJitter(int mode, ulong seed, int[] script)
        {
            _mode = mode;
            _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
            _script = script;
        }

        public static FakeJitter Seeded(int seed)
        {
            return new FakeJitter(ModeSeeded, (ulong)(uint)seed * 2654435761UL + 1, null);
        }

        public static FakeJitter Scripted(int[] values)
        {
            return new FakeJitter(ModeScripted, 1, values == null || values.Length == 0 ? new int[] { 0 } : values);
        }

        /// <summary>Always max - 1: every delay is its ceiling.</summary>
        public static FakeJitter AlwaysMax()
        {
            return new FakeJitter(ModeMax, 1, null);
        }

        /// <summary>Always 0: every delay is its floor.</summary>
        public static FakeJitter AlwaysZero()
        {
            return Scripted(new int[] { 0 });
        }

        /// <summary>How many values were drawn.</summary>
        public int Calls { get; private set; }

        /// <summary>The maxExclusive of the last call.</summary>
        public int LastMax { get; private set; }

        public int Next(int maxExclusive)
        {
            Calls++;
            LastMax = maxExclusive;
            if (maxExclusive <= 0)
            {
                return 0;
            }

            switch (_mode)
            {
                case ModeMax:
                    return maxExclusive - 1;
                case ModeScripted:
                    int value = _script[_next < _script.Length ? _next : _script.Length - 1];
                    _next++;
                    if (value < 0)
                    {
                        return 0;
                    }

                    return value >= maxExclusive ? maxExclusive - 1 : value;
                default:
                    _state ^= _state << 13;
                    _state ^= _state >> 7;
                    _state ^= _state << 17;
                    return (int)((_state >> 11) % (ulong)maxExclusive);
            }
        }
    }
}
