using System.Collections;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Device.Platform
{
    /// <summary>
    /// ISettingsStore in one file on the internal storage (I:\nanomqtt.settings), one `key=value` line per
    /// setting, with \\, \n and \r escaped. Kept in memory after the first read; every Write rewrites the
    /// file (settings change rarely: a runtime setting, the reason of a reboot). Only the step thread uses it.
    /// </summary>
    internal sealed class FileSettingsStore : ISettingsStore
    {
        public const string DefaultPath = StorageFiles.Drive + "nanomqtt.settings";

        private readonly string _path;
        private ArrayList _keys;
        private ArrayList _values;

        public FileSettingsStore(string path)
        {
            _path = path;
        }

        public string Read(string key)
        {
            Load();
            int i = IndexOf(key);
            return i < 0 ? null : (string)_values[i];
        }

        public bool Write(string key, string value)
        {
            if (key == null || key.Length == 0 || key.IndexOf('=') >= 0 || key.IndexOf('\n') >= 0 || key.IndexOf('\r') >= 0)
            {
                return false;
            }

            Load();
            int i = IndexOf(key);
            if (value == null)
            {
                if (i < 0)
                {
                    return true;
                }

                _keys.RemoveAt(i);
                _values.RemoveAt(i);
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

            string text = string.Empty;
            for (int k = 0; k < _keys.Count; k++)
            {
                text = text + (string)_keys[k] + "=" + Escape((string)_values[k]) + "\n";
            }

            return StorageFiles.WriteText(_path, text);
        }

        private void Load()
        {
            if (_keys != null)
            {
                return;
            }

            _keys = new ArrayList();
            _values = new ArrayList();
            string text = StorageFiles.ReadText(_path);
            if (text == null)
            {
                return;
            }

            string[] lines = text.Split(new char[] { '\n' });
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                int eq = line.IndexOf('=');
                if (eq > 0)
                {
                    _keys.Add(line.Substring(0, eq));
                    _values.Add(Unescape(line.Substring(eq + 1)));
                }
            }
        }

        private int IndexOf(string key)
        {
            for (int i = 0; i < _keys.Count; i++)
            {
                if ((string)_keys[i] == key)
                {
                    return i;
                }
            }

            return -1;
        }

        private static string Escape(string value)
        {
            var buffer = new char[value.Length * 2];
            int n = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\\' || c == '\n' || c == '\r')
                {
                    buffer[n++] = '\\';
                    buffer[n++] = c == '\n' ? 'n' : (c == '\r' ? 'r' : '\\');
                }
                else
                {
                    buffer[n++] = c;
                }
            }

            return new string(buffer, 0, n);
        }

        private static string Unescape(string value)
        {
            var buffer = new char[value.Length];
            int n = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\\' && i + 1 < value.Length)
                {
                    char next = value[++i];
                    buffer[n++] = next == 'n' ? '\n' : (next == 'r' ? '\r' : next);
                }
                else
                {
                    buffer[n++] = c;
                }
            }

            return new string(buffer, 0, n);
        }
    }
}
