namespace NanoMqtt.Core.Hardware
{
    /// <summary>
    /// The edges of a digital input between the pin's event and the core's step: a fixed ring of (level,
    /// time), allocated once. When full the oldest edge goes, so a chattering contact cannot eat the heap;
    /// the pin's level itself is read directly and always tells the truth. Not thread-safe: the owner locks.
    /// </summary>
    public sealed class EdgeQueue
    {
        private readonly bool[] _levels;
        private readonly long[] _times;
        private int _head;
        private int _count;

        public EdgeQueue(int capacity)
        {
            _levels = new bool[capacity];
            _times = new long[capacity];
        }

        /// <summary>Edges dropped because the ring was full (only this class writes it).</summary>
        public int Dropped;

        public void Add(bool level, long atMs)
        {
            if (_count == _levels.Length)
            {
                _head = (_head + 1) % _levels.Length;
                _count--;
                Dropped++;
            }

            int tail = (_head + _count) % _levels.Length;
            _levels[tail] = level;
            _times[tail] = atMs;
            _count++;
        }

        /// <summary>The oldest queued edge, as <see cref="IDigitalInput.TryTakeChange"/> hands it to the core.</summary>
        public bool TryTake(out bool level, out long atMs)
        {
            if (_count == 0)
            {
                level = false;
                atMs = 0;
                return false;
            }

            level = _levels[_head];
            atMs = _times[_head];
            _head = (_head + 1) % _levels.Length;
            _count--;
            return true;
        }
    }
}
