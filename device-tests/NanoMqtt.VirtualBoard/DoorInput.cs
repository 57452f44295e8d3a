using NanoMqtt.Core.Hardware;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>The reed switch of the door: edges queue in a fixed ring, as the shell's GPIO handler queues them.</summary>
    internal sealed class DoorInput : IDigitalInput
    {
        private const int Capacity = 4;

        private readonly bool[] _levels = new bool[Capacity];
        private readonly long[] _times = new long[Capacity];
        private int _head;
        private int _count;

        public DoorInput(bool level)
        {
            Level = level;
        }

        public bool Level { get; private set; }

        public int Edges { get; private set; }

        /// <summary>Edges the core did not take before the ring filled (the day expects none).</summary>
        public int Overflows { get; private set; }

        public void Edge(bool level, long atMs)
        {
            Level = level;
            Edges++;
            if (_count == Capacity)
            {
                Overflows++;
                return;
            }

            int at = (_head + _count) % Capacity;
            _levels[at] = level;
            _times[at] = atMs;
            _count++;
        }

        public bool Read()
        {
            return Level;
        }

        public bool TryTakeChange(out bool level, out long atMs)
        {
            if (_count == 0)
            {
                level = false;
                atMs = 0;
                return false;
            }

            level = _levels[_head];
            atMs = _times[_head];
            _head = (_head + 1) % Capacity;
            _count--;
            return true;
        }
    }
}
