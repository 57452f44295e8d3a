namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// The topics of the queued messages, each held once however many messages wait on it: a record in
    /// the <see cref="OutboxRing"/> names its topic by slot. A slot is freed (and lets go of its string) when
    /// its last message leaves, so the strings held during an outage are released after it.
    /// </summary>
    internal sealed class TopicTable
    {
        private readonly string[] _topics;
        private readonly int[] _uses;

        public TopicTable(int slots)
        {
            _topics = new string[slots];
            _uses = new int[slots];
        }

        /// <summary>The slot of topic, counting one more use, or -1 when every slot holds another topic.</summary>
        public int Acquire(string topic)
        {
            int free = -1;
            for (int i = 0; i < _topics.Length; i++)
            {
                if (_uses[i] == 0)
                {
                    if (free < 0)
                    {
                        free = i;
                    }
                }
                else if (_topics[i] == topic)
                {
                    _uses[i]++;
                    return i;
                }
            }

            if (free >= 0)
            {
                _topics[free] = topic;
                _uses[free] = 1;
            }

            return free;
        }

        /// <summary>One use of the slot ended.</summary>
        public void Release(int slot)
        {
            if (--_uses[slot] <= 0)
            {
                _uses[slot] = 0;
                _topics[slot] = null;
            }
        }

        public string At(int slot)
        {
            return _topics[slot];
        }

        /// <summary>Slots in use (for tests and diagnostics).</summary>
        public int InUse
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _uses.Length; i++)
                {
                    if (_uses[i] > 0)
                    {
                        n++;
                    }
                }

                return n;
            }
        }
    }
}
