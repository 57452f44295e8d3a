namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// One quantity of a polled sensor (temperature, humidity...): its JSON name, smoothing, and the
    /// deadband/heartbeat rule that decides whether a new value is worth a message.
    /// </summary>
    internal sealed class Quantity
    {
        /// <summary>The member name in the sensor's message ("v" for a one-quantity sensor), as chars so writing it allocates nothing.</summary>
        public readonly char[] Key;
        public readonly int Decimals;

        /// <summary>In the reading's scaled units: -1 = publish every reading, 0 = publish on any change.</summary>
        public readonly long Deadband;
        public readonly int HeartbeatIntervals;
        public readonly MedianWindow Median;

        /// <summary>The smoothed value of the last sample, the one a message carries.</summary>
        public long Value;

        private bool _hasPublished;
        private long _lastPublished;
        private int _held;
        private bool _resend;

        public Quantity(string key, int decimals, long deadband, int heartbeatIntervals, int medianWindow)
        {
            Key = key.ToCharArray();
            Decimals = decimals;
            Deadband = deadband;
            HeartbeatIntervals = heartbeatIntervals;
            Median = medianWindow > 1 ? new MedianWindow(medianWindow) : null;
        }

        /// <summary>
        /// Takes a raw reading; true when, after smoothing, it is worth publishing. Deadband and heartbeat:
        /// the first value, a value that moved more than the deadband from the last published one, every
        /// HeartbeatIntervals-th sample, and a retry of one the publisher could not take all go out.
        /// Counting "held" samples keeps the heartbeat exact when the interval changes at run time.
        /// </summary>
        public bool Take(long reading)
        {
            long value = Median == null ? reading : Median.Add(reading);
            Value = value;
            if (!_hasPublished || _resend || Deadband < 0)
            {
                return true;
            }

            long delta = value - _lastPublished;
            if (delta < 0)
            {
                delta = -delta;
            }

            if (delta > Deadband)
            {
                return true;
            }

            if (HeartbeatIntervals > 0 && _held + 1 >= HeartbeatIntervals)
            {
                return true;
            }

            _held++;
            return false;
        }

        /// <summary>The message carrying <see cref="Value"/> went out (accepted) or was skipped by the publisher.</summary>
        public void Published(bool accepted)
        {
            if (accepted)
            {
                _hasPublished = true;
                _lastPublished = Value;
                _held = 0;
                _resend = false;
            }
            else
            {
                // QoS 0 while offline is skipped by the publisher: try again with the next sample rather
                // than wait for the deadband or the heartbeat.
                _resend = true;
            }
        }

        /// <summary>After a fault, old readings say nothing about new ones; the first good one is published.</summary>
        public void Restart()
        {
            if (Median != null)
            {
                Median.Clear();
            }

            _resend = true;
        }
    }
}
