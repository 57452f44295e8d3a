namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// One published stream (a quantity of a sensor, or a digital input): its topic, QoS, sequence number
    /// and the rule that decides whether a reading goes out.
    /// </summary>
    internal sealed class TelemetryStream
    {
        public readonly string Name;
        public readonly string Topic;
        public readonly string Unit;

        /// <summary>The unit as chars, made once: the encoder writes it with every reading without allocating.</summary>
        public readonly char[] UnitChars;
        public readonly int Decimals;
        public int Qos;
        public readonly bool Retain;

        /// <summary>In the reading's scaled units: -1 = publish every reading, 0 = publish on any change.</summary>
        public readonly long Deadband;
        public readonly int HeartbeatIntervals;
        public readonly MedianWindow Median;

        /// <summary>Per stream, from 1 at each boot; a gap at the receiver means a lost message.</summary>
        public long Seq;

        private bool _hasPublished;
        private long _lastPublished;
        private int _held;
        private bool _resend;

        public TelemetryStream(string name, string topic, string unit, int decimals, int qos, bool retain,
            long deadband, int heartbeatIntervals, int medianWindow)
        {
            Name = name;
            Topic = topic;
            Unit = unit == null ? string.Empty : unit;
            UnitChars = Unit.ToCharArray();
            Decimals = decimals;
            Qos = qos;
            Retain = retain;
            Deadband = deadband;
            HeartbeatIntervals = heartbeatIntervals;
            Median = medianWindow > 1 ? new MedianWindow(medianWindow) : null;
        }

        /// <summary>The value a new raw reading stands for after smoothing.</summary>
        public long Smooth(long reading)
        {
            return Median == null ? reading : Median.Add(reading);
        }

        /// <summary>
        /// Deadband and heartbeat: the first value, a value that moved more than the deadband from the
        /// last published one, every HeartbeatIntervals-th sample, and a retry of one the publisher could
        /// not take all go out. Counting "held" samples per stream keeps the heartbeat exact when the
        /// interval changes at run time.
        /// </summary>
        public bool ShouldPublish(long value)
        {
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

        public void Published(long value, bool accepted)
        {
            if (accepted)
            {
                _hasPublished = true;
                _lastPublished = value;
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
