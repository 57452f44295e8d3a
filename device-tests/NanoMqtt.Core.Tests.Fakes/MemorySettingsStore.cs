using System.Collections;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>
    /// Settings in memory (no Hashtable in the subset: a list of pairs). Reuse one instance across two
    /// devices built in turn to model a reboot: what the first wrote, the second reads.
    /// Set <see cref="FailWrites"/> to model broken flash.
    /// </summary>
    public sealed class MemorySettingsStore : ISettingsStore
    {
        private readonly ArrayList _keys = new ArrayList();
        private readonly ArrayList _values = new ArrayList();

        public bool FailWrites { get; set; }

        public int WriteCount { get; private set; }

        public int Count
        {
            get { return _keys.Count; }
        }

        public string Read(string key)
        {
            int at = _keys.IndexOf(key);
            return at < 0 ? null : (string)_values[at];
        }

        public bool Write(string key, string value)
        {
            if (FailWrites)
            {
                return false;
            }

            WriteCount++;
            int at = _keys.IndexOf(key);
            if (value == null)
            {
                if (at >= 0)
                {
                    _keys.RemoveAt(at);
                    _values.RemoveAt(at);
                }

                return true;
            }

            if (at >= 0)
            {
                _values[at] = value;
            }
            else
            {
                _keys.Add(key);
                _values.Add(value);
            }

            return true;
        }
    }
}
