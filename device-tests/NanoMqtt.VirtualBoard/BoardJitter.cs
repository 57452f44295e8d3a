using NanoMqtt.Core.Platform;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>A fixed xorshift sequence: every run of the day makes the same attempts at the same times.</summary>
    internal sealed class BoardJitter : IJitterSource
    {
        private uint _state = 2463534242;

        public int Next(int maxExclusive)
        {
            if (maxExclusive <= 0)
            {
                return 0;
            }

            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            return (int)(_state % (uint)maxExclusive);
        }
    }
}
