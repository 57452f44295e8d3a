namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// Median of the last k readings, without allocating per reading: a ring of k values and a scratch
    /// array that is insertion-sorted (k is at most 15, so this is a handful of compares). Until k
    /// readings have arrived it is the median of those that have. For an even count it is the mean of
    /// the two middle values, rounded toward negative infinity.
    /// </summary>
    public sealed class MedianWindow
    {
        private readonly long[] _ring;
        private readonly long[] _sorted;
        public int Count;
        private int _next;

        public MedianWindow(int size)
        {
            if (size < 1)
            {
                size = 1;
            }

            _ring = new long[size];
            _sorted = new long[size];
        }

        /// <summary>Forgets every reading (after a fault, old readings say nothing about the new ones).</summary>
        public void Clear()
        {
            Count = 0;
            _next = 0;
        }

        /// <summary>Adds a reading and returns the median of the window.</summary>
        public long Add(long value)
        {
            _ring[_next] = value;
            _next = (_next + 1) % _ring.Length;
            if (Count < _ring.Length)
            {
                Count++;
            }

            for (int i = 0; i < Count; i++)
            {
                long v = _ring[i];
                int j = i - 1;
                while (j >= 0 && _sorted[j] > v)
                {
                    _sorted[j + 1] = _sorted[j];
                    j--;
                }

                _sorted[j + 1] = v;
            }

            int mid = Count / 2;
            if ((Count & 1) == 1)
            {
                return _sorted[mid];
            }

            long sum = _sorted[mid - 1] + _sorted[mid];
            return sum >= 0 ? sum / 2 : (sum - 1) / 2;
        }
    }
}
