using System.Collections;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>Settings in memory: one entry per key, so a key written again replaces its value and nothing grows.</summary>
    internal sealed class BoardSettings : ISettingsStore
    {
        private readonly ArrayList _keys = new ArrayList();
        private readonly ArrayList _values = new ArrayList();

        public int Writes { get; private set; }

        public string Read(string key)
        {
            int at = _keys.IndexOf(key);
            return at < 0 ? null : (string)_values[at];
        }

        public bool Write(string key, string value)
        {
            Writes++;
            int at = _keys.IndexOf(key);
            if (value == null)
            {
                if (at >= 0)
                {
                    _keys.RemoveAt(at);
                    _values.RemoveAt(at);
                }
            }
            else if (at >= 0)
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
