using System;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// One <see cref="ISensor"/> on its interval: starts a sample, collects it once converted, and publishes
    /// all its quantities in one message when any of them is worth it. Owns its timing, the sample in
    /// flight and its fault state; a failure is retried at the interval and reported once.
    /// </summary>
    internal sealed class PolledSensor
    {
        /// <summary>A driver's conversion time above this is treated as a driver bug, not waited for.</summary>
        private const int MaxWaitMs = 10000;

        public readonly ISensor Sensor;
        public readonly TelemetryStream Stream;
        public int IntervalMs;

        private readonly Quantity[] _quantities;

        /// <summary>{sensor}_{quantity} of each quantity when there are several (their Home Assistant names), else null.</summary>
        private readonly string[] _quantityNames;
        private readonly long[] _readings;
        private readonly IPublisher _publisher;
        private readonly TelemetryEncoder _encoder;
        private readonly ErrorReporter _errors;
        private readonly ScheduleOptions _options;

        private bool _scheduled;
        private long _lastDueAt;
        private long _nextStartAt;

        private bool _measuring;
        private long _collectAt;
        private int _notReadyCount;

        public bool Faulted;
        /// <summary>How many times since boot this sensor went into fault.</summary>
        public int FaultEvents;
        private int _consecutiveFailures;
        private int _failedSinceFault;

        public PolledSensor(ISensor sensor, TelemetryStream stream, Quantity[] quantities, string[] quantityNames, int intervalMs,
            IPublisher publisher, TelemetryEncoder encoder, ErrorReporter errors, ScheduleOptions options)
        {
            Sensor = sensor;
            Stream = stream;
            IntervalMs = intervalMs;
            _quantities = quantities;
            _quantityNames = quantityNames;
            _readings = new long[quantities.Length];
            _publisher = publisher;
            _encoder = encoder;
            _errors = errors;
            _options = options;
        }

        public bool HasQuantityNamed(string name)
        {
            for (int i = 0; _quantityNames != null && i < _quantityNames.Length; i++)
            {
                if (_quantityNames[i] == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Changes the interval, keeping the cadence anchored to the last sample.</summary>
        public void SetInterval(int intervalMs)
        {
            IntervalMs = intervalMs;
            if (_scheduled)
            {
                // Shortening takes effect at once; lengthening does not skip the sample that is already
                // nearly due by more than needed.
                _nextStartAt = _lastDueAt + intervalMs;
            }
        }

        /// <summary>Does what is due at now and returns when it wants to be stepped next.</summary>
        public long Step(long now)
        {
            if (!_scheduled)
            {
                _scheduled = true;
                _nextStartAt = now;
            }

            if (_measuring)
            {
                if (now < _collectAt)
                {
                    return _collectAt < _nextStartAt ? _collectAt : _nextStartAt;
                }

                Collect(now);
                if (_measuring)
                {
                    return _collectAt;
                }
            }

            if (now >= _nextStartAt)
            {
                StartSample(now);
                if (_measuring)
                {
                    return _collectAt;
                }
            }

            return _nextStartAt;
        }

        private void StartSample(long now)
        {
            long due = _nextStartAt;
            _lastDueAt = due;
            _nextStartAt = due + IntervalMs;
            if (_nextStartAt <= now)
            {
                // Fell behind (a long stall): skip the missed samples instead of bursting them.
                _lastDueAt = now;
                _nextStartAt = now + IntervalMs;
            }

            SensorStatus status;
            int waitMs = 0;
            try
            {
                status = Sensor.Start(out waitMs);
            }
            catch (Exception)
            {
                status = SensorStatus.BusError;
            }

            if (status != SensorStatus.Ok)
            {
                Fail(status, null);
                return;
            }

            if (waitMs < 0 || waitMs > MaxWaitMs)
            {
                waitMs = waitMs < 0 ? 0 : MaxWaitMs;
            }

            _measuring = true;
            _notReadyCount = 0;
            _collectAt = now + waitMs;
            if (waitMs == 0)
            {
                Collect(now);
            }
        }

        private void Collect(long now)
        {
            SensorStatus status;
            try
            {
                status = Sensor.Collect(_readings);
            }
            catch (Exception)
            {
                status = SensorStatus.BusError;
            }

            if (status == SensorStatus.NotReady)
            {
                _notReadyCount++;
                if (_notReadyCount <= ScheduleOptions.CollectRetries)
                {
                    _collectAt = now + ScheduleOptions.CollectRetryMs;
                    return;
                }

                _measuring = false;
                Fail(SensorStatus.Timeout, "not ready after " + ScheduleOptions.CollectRetries + " retries");
                return;
            }

            _measuring = false;
            if (status != SensorStatus.Ok)
            {
                Fail(status, null);
                return;
            }

            _consecutiveFailures = 0;
            if (Faulted)
            {
                Faulted = false;
                Report(SensorSchedule.RecoveredCode, Stream.Name + ": reading again after " + _failedSinceFault + " failed samples");
            }

            // Every quantity takes its reading (the deadbands count held samples); one worth it sends them all.
            bool due = false;
            for (int i = 0; i < _quantities.Length; i++)
            {
                due |= _quantities[i].Take(_readings[i]);
            }

            if (!due)
            {
                return;
            }

            long seq = Stream.NextSeq();
            _encoder.Begin();
            for (int i = 0; i < _quantities.Length; i++)
            {
                Quantity q = _quantities[i];
                _encoder.Add(q.Key, q.Value, q.Decimals);
            }

            bool accepted = Stream.Send(_publisher, _encoder.Finish(seq));
            for (int i = 0; i < _quantities.Length; i++)
            {
                _quantities[i].Published(accepted);
            }
        }

        private void Fail(SensorStatus status, string detail)
        {
            if (detail == null)
            {
                try
                {
                    detail = Sensor.FaultDetail;
                }
                catch (Exception)
                {
                }
            }

            _consecutiveFailures++;
            if (Faulted)
            {
                _failedSinceFault++;
                return;
            }

            int threshold = _options.FaultAfterFailures < 1 ? 1 : _options.FaultAfterFailures;
            if (_consecutiveFailures < threshold)
            {
                return;
            }

            Faulted = true;
            _failedSinceFault = _consecutiveFailures;
            FaultEvents++;
            for (int i = 0; i < _quantities.Length; i++)
            {
                _quantities[i].Restart();
            }

            Report(SensorSchedule.FaultCode, Stream.Name + ": " + (detail == null || detail.Length == 0 ? SensorSchedule.Describe(status) : detail));
        }

        private void Report(string code, string message)
        {
            if (_errors != null)
            {
                _errors.Report(code, message);
            }
        }
    }
}
