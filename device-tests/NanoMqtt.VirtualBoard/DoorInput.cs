using NanoMqtt.Core.Hardware;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>The reed switch of the door: edges queue in the same ring as the shell's GPIO handler uses.</summary>
    internal sealed class DoorInput : IDigitalInput
    {
        private readonly EdgeQueue _edges = new EdgeQueue(4);

        public DoorInput(bool level)
        {
            Level = level;
        }

        public bool Level { get; private set; }

        public int Edges { get; private set; }

        /// <summary>Edges the core did not take before the ring filled (the day expects none).</summary>
        public int Overflows => _edges.Dropped;

        public void Edge(bool level, long atMs)
        {
            Level = level;
            Edges++;
            _edges.Add(level, atMs);
        }

        public bool Read()
        {
            return Level;
        }

        public bool TryTakeChange(out bool level, out long atMs)
        {
            return _edges.TryTake(out level, out atMs);
        }
    }
}
