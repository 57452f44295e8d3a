namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// The ids of the last N applied commands, oldest forgotten first, searched linearly (a few dozen
    /// short ids). Each id is copied into a fixed slot of <see cref="CommandParser.MaxIdLength"/> chars,
    /// allocated once, so remembering a command costs no string; chars rather than UTF-8 because the limit
    /// counts chars and no encoding step is needed. Each slot also keeps a hash of its id, so that a
    /// lookup compares chars only where the hash agrees: a char loop in IL is far slower on the device
    /// than the native string compare it replaces.
    /// </summary>
    public sealed class RecentIds
    {
        private const int Slot = CommandParser.MaxIdLength;

        private readonly char[] _chars;
        private readonly int[] _lengths;
        private readonly int[] _hashes;
        private int _next;
        public int Count;

        public RecentIds(int capacity)
        {
            int slots = capacity > 0 ? capacity : 1;
            _chars = new char[slots * Slot];
            _lengths = new int[slots];
            _hashes = new int[slots];
        }

        /// <summary>True when the id chars[start..start+length) is remembered (ordinal).</summary>
        public bool Contains(char[] chars, int start, int length)
        {
            int hash = Hash(chars, start, length);
            for (int i = 0; i < Count; i++)
            {
                if (_hashes[i] != hash || _lengths[i] != length)
                {
                    continue;
                }

                int at = i * Slot;
                int k = 0;
                while (k < length && _chars[at + k] == chars[start + k])
                {
                    k++;
                }

                if (k == length)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Remembers the id chars[start..start+length), forgetting the oldest when full. An id that is
        /// empty, longer than <see cref="CommandParser.MaxIdLength"/> (never a valid id) or known is not added.
        /// </summary>
        public void Add(char[] chars, int start, int length)
        {
            if (chars == null || length <= 0 || length > Slot)
            {
                return;
            }

            if (Contains(chars, start, length))
            {
                return;
            }

            System.Array.Copy(chars, start, _chars, _next * Slot, length);
            _lengths[_next] = length;
            _hashes[_next] = Hash(chars, start, length);
            _next = (_next + 1) % _lengths.Length;
            if (Count < _lengths.Length)
            {
                Count++;
            }
        }

        /// <summary>The ids, oldest first, joined by '\n' (ids never hold control characters), or null when empty.</summary>
        public string Join()
        {
            if (Count == 0)
            {
                return null;
            }

            string joined = null;
            int start = Count < _lengths.Length ? 0 : _next;
            for (int k = 0; k < Count; k++)
            {
                int slot = (start + k) % _lengths.Length;
                string id = new string(_chars, slot * Slot, _lengths[slot]);
                joined = joined == null ? id : joined + "\n" + id;
            }

            return joined;
        }

        private static int Hash(char[] chars, int start, int length)
        {
            int hash = length;
            for (int i = start; i < start + length; i++)
            {
                hash = hash * 31 + chars[i];
            }

            return hash;
        }

        /// <summary>Adds the ids of a <see cref="Join"/> text, oldest first. Null or empty adds nothing.</summary>
        public void AddJoined(string joined)
        {
            if (joined == null)
            {
                return;
            }

            char[] chars = joined.ToCharArray();
            int start = 0;
            for (int i = 0; i <= chars.Length; i++)
            {
                if (i == chars.Length || chars[i] == '\n')
                {
                    Add(chars, start, i - start);
                    start = i + 1;
                }
            }
        }
    }
}
