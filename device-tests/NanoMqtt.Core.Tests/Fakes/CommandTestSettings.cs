using System.Collections;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>An in-memory settings store that counts writes and can be told to fail them.</summary>
    public sealed class CommandTestSettings : ISettingsStore
    {
        private readonly ArrayList _keys = new ArrayList();
        private readonly ArrayList _values = new ArrayList();

        public bool FailWrites;
        public int Writes;

        public string Read(string key)
        {
            int i = _keys.IndexOf(key);
            return i < 0 ? null : (string)_values[i];
        }

        public bool Write(string key, string value)
        {
            Writes++;
            if (FailWrites)
            {
                return false;
            }

            int i = _keys.IndexOf(key);
            if (value == null)
            {
                if (i >= 0)
                {
                    _keys.RemoveAt(i);
                    _values.RemoveAt(i);
                }
            }
            else if (i < 0)
            {
                _keys.Add(key);
                _values.Add(value);
            }
            else
            {
                _values[i] = value;
            }

            return true;
        }
    }
}
