using System.Collections;
using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>A GPIO input whose level and queued edges a test sets, as the shell's ValueChanged handler would.</summary>
    public sealed class FakeDigitalInput : IDigitalInput
    {
        private readonly ArrayList _levels = new ArrayList();
        private readonly ArrayList _times = new ArrayList();

        public FakeDigitalInput(bool level)
        {
            Level = level;
        }

        public bool Level;

        /// <summary>An edge: the pin goes to level at atMs, and the change is queued for the core.</summary>
        public void Edge(bool level, long atMs)
        {
            Level = level;
            _levels.Add(level);
            _times.Add(atMs);
        }

        public int Queued
        {
            get { return _levels.Count; }
        }

        public bool Read()
        {
            return Level;
        }

        public bool TryTakeChange(out bool level, out long atMs)
        {
            if (_levels.Count == 0)
            {
                level = false;
                atMs = 0;
                return false;
            }

            level = (bool)_levels[0];
            atMs = (long)_times[0];
            _levels.RemoveAt(0);
            _times.RemoveAt(0);
            return true;
        }
    }
}
