namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// The ids of the last N applied commands, oldest forgotten first. A linear search over a few dozen
    /// short strings is cheaper on the device than any hashing, and the memory is fixed.
    /// </summary>
    public sealed class RecentIds
    {
        private readonly string[] _ids;
        private int _next;
        private int _count;

        public RecentIds(int capacity)
        {
            _ids = new string[capacity > 0 ? capacity : 1];
        }

        public int Count
        {
            get { return _count; }
        }

        public int Capacity
        {
            get { return _ids.Length; }
        }

        public bool Contains(string id)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == id)
                {
                    return true;
                }
            }

            return false;
        }

        public void Add(string id)
        {
            if (id == null || Contains(id))
            {
                return;
            }

            _ids[_next] = id;
            _next = (_next + 1) % _ids.Length;
            if (_count < _ids.Length)
            {
                _count++;
            }
        }

        /// <summary>The ids, oldest first, joined by '\n' (ids never hold control characters), or null when empty.</summary>
        public string Join()
        {
            if (_count == 0)
            {
                return null;
            }

            string joined = null;
            int start = _count < _ids.Length ? 0 : _next;
            for (int k = 0; k < _count; k++)
            {
                string id = _ids[(start + k) % _ids.Length];
                joined = joined == null ? id : joined + "\n" + id;
            }

            return joined;
        }

        /// <summary>Adds the ids of a <see cref="Join"/> text, oldest first. Null or empty adds nothing.</summary>
        public void AddJoined(string joined)
        {
            if (joined == null)
            {
                return;
            }

            string[] parts = joined.Split('\n');
            for (int i = 0; i < parts.Length; i++)
            {
                if (parts[i].Length > 0)
                {
                    Add(parts[i]);
                }
            }
        }
    }
}
