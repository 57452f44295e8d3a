using System;
using System.Collections;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>Thrown by <see cref="ResettingFiles"/> where the board lost power.</summary>
    public sealed class SimulatedReset : Exception
    {
    }

    /// <summary>
    /// Files in memory that can "reset" at the Nth change: that change does not happen (a write leaves the
    /// first half of its text), and every later one throws until <see cref="PowerOn"/>, as after a reset.
    /// </summary>
    public sealed class ResettingFiles : IFileOps
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _texts = new ArrayList();
        private bool _down;

        /// <summary>The 0-based index of the change that resets the board; -1 never.</summary>
        public int ResetAt = -1;

        /// <summary>Changes (writes, deletes, moves) made or attempted so far.</summary>
        public int Changes;

        public int FileCount
        {
            get { return _names.Count; }
        }

        public void PowerOn()
        {
            _down = false;
            ResetAt = -1;
        }

        public bool Exists(string path)
        {
            Up();
            return IndexOf(path) >= 0;
        }

        public string ReadAllText(string path)
        {
            Up();
            int i = IndexOf(path);
            if (i < 0)
            {
                throw new InvalidOperationException("no file " + path);
            }

            return (string)_texts[i];
        }

        public void WriteAllText(string path, string text)
        {
            if (Change())
            {
                Put(path, text.Substring(0, text.Length / 2));
                throw new SimulatedReset();
            }

            Put(path, text);
        }

        public void Delete(string path)
        {
            if (Change())
            {
                throw new SimulatedReset();
            }

            int i = IndexOf(path);
            if (i >= 0)
            {
                _names.RemoveAt(i);
                _texts.RemoveAt(i);
            }
        }

        public void Move(string from, string to)
        {
            if (Change())
            {
                throw new SimulatedReset();
            }

            int i = IndexOf(from);
            if (i < 0 || IndexOf(to) >= 0)
            {
                throw new InvalidOperationException("cannot move " + from + " to " + to);
            }

            _names[i] = to;
        }

        /// <summary>Puts a file in place without counting a change (the state before the test).</summary>
        public void Put(string path, string text)
        {
            int i = IndexOf(path);
            if (i < 0)
            {
                _names.Add(path);
                _texts.Add(text);
            }
            else
            {
                _texts[i] = text;
            }
        }

        private bool Change()
        {
            Up();
            bool reset = Changes == ResetAt;
            Changes++;
            if (reset)
            {
                _down = true;
            }

            return reset;
        }

        private void Up()
        {
            if (_down)
            {
                throw new SimulatedReset();
            }
        }

        private int IndexOf(string path)
        {
            for (int i = 0; i < _names.Count; i++)
            {
                if ((string)_names[i] == path)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
