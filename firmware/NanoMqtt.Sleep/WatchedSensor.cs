using System;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Sleep
{
    /// <summary>
    /// Wraps a sensor driver so that a wake knows when the sensor's first sample is over (read, or failed),
    /// without the sleep cycle knowing the sensor schedule's inner workings. Everything else passes through.
    /// </summary>
    public sealed class WatchedSensor : ISensor
    {
        private readonly ISensor _inner;
        private bool _done;

        public WatchedSensor(ISensor inner)
        {
            if (inner == null)
            {
                throw new ArgumentNullException();
            }

            _inner = inner;
        }

        /// <summary>True once a sample ended: collected, or refused at start or at collection.</summary>
        public bool Done
        {
            get { return _done; }
        }

        public int ChannelCount
        {
            get { return _inner.ChannelCount; }
        }

        public string ChannelName(int channel)
        {
            return _inner.ChannelName(channel);
        }

        public string Unit(int channel)
        {
            return _inner.Unit(channel);
        }

        public int Decimals(int channel)
        {
            return _inner.Decimals(channel);
        }

        public SensorStatus Start(out int waitMs)
        {
            SensorStatus status;
            try
            {
                status = _inner.Start(out waitMs);
            }
            catch (Exception)
            {
                // The schedule treats a throwing driver as a bus error; so does the wake.
                _done = true;
                throw;
            }

            if (status != SensorStatus.Ok)
            {
                _done = true;
            }

            return status;
        }

        public SensorStatus Collect(long[] readings)
        {
            SensorStatus status;
            try
            {
                status = _inner.Collect(readings);
            }
            catch (Exception)
            {
                _done = true;
                throw;
            }

            if (status != SensorStatus.NotReady)
            {
                _done = true;
            }

            return status;
        }

        public string FaultDetail
        {
            get { return _inner.FaultDetail; }
        }
    }
}
