using System;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// One digital input: takes the edges the shell queued, publishes a level once it has held for the
    /// debounce time, and republishes it on its heartbeat. Owns the debounced level and the change waiting
    /// to settle.
    /// </summary>
    internal sealed class DebouncedInput
    {
        /// <summary>A broken input that reports edges forever must not hold the loop.</summary>
        private const int MaxEdgesPerStep = 64;

        public readonly TelemetryStream Stream;

        private readonly IDigitalInput _input;
        /// <summary>Checked by SensorSchedule.AddInput; the QoS lives in the stream (it changes at run time).</summary>
        private readonly DigitalInputOptions _settings;
        private readonly IPublisher _publisher;
        private readonly TelemetryEncoder _encoder;
        private readonly ScheduleOptions _options;

        private bool _initialized;
        private bool _stable;
        private bool _pending;
        private bool _candidate;
        private long _candidateAt;
        private long _lastPublishAt;

        public DebouncedInput(IDigitalInput input, TelemetryStream stream, DigitalInputOptions options,
            IPublisher publisher, TelemetryEncoder encoder, ScheduleOptions scheduleOptions)
        {
            _input = input;
            Stream = stream;
            _settings = options;
            _publisher = publisher;
            _encoder = encoder;
            _options = scheduleOptions;
        }

        /// <summary>Does what is due at now and returns when it wants to be stepped next.</summary>
        public long Step(long now)
        {
            bool level;
            long at;
            if (!_initialized)
            {
                // Edges queued before the first step are history: the level read now is the truth.
                for (int n = 0; n < MaxEdgesPerStep && TakeChange(out level, out at); n++)
                {
                }

                _initialized = true;
                try
                {
                    _stable = _input.Read();
                }
                catch (Exception)
                {
                    _stable = false;
                }

                _lastPublishAt = now;
                if (_settings.PublishInitial)
                {
                    Publish(now);
                }
            }

            int taken = 0;
            while (taken < MaxEdgesPerStep && TakeChange(out level, out at))
            {
                taken++;
                _candidate = level;
                // A stamp from the future (another clock) would hold the change forever; clamp it.
                _candidateAt = at > now ? now : at;
                _pending = true;
            }

            if (_pending && now - _candidateAt >= _settings.DebounceMs)
            {
                _pending = false;
                if (_candidate != _stable)
                {
                    _stable = _candidate;
                    Publish(now);
                }
            }

            if (_settings.HeartbeatMs > 0 && now - _lastPublishAt >= _settings.HeartbeatMs)
            {
                Publish(now);
            }

            long wake = now + (_options.InputCheckMs < 1 ? 1 : _options.InputCheckMs);
            if (taken == MaxEdgesPerStep)
            {
                // More edges may be queued, and their wake-up was already spent: come back at once
                // rather than after the (long) backstop.
                wake = now;
            }

            if (_pending && _candidateAt + _settings.DebounceMs < wake)
            {
                wake = _candidateAt + _settings.DebounceMs;
            }

            if (_settings.HeartbeatMs > 0 && _lastPublishAt + _settings.HeartbeatMs < wake)
            {
                wake = _lastPublishAt + _settings.HeartbeatMs;
            }

            return wake;
        }

        private void Publish(long now)
        {
            _lastPublishAt = now;
            long seq = Stream.NextSeq();
            Stream.Send(_publisher, _encoder.Encode(_stable != _settings.ActiveLow ? 1 : 0, 0, seq));
        }

        private bool TakeChange(out bool level, out long at)
        {
            try
            {
                return _input.TryTakeChange(out level, out at);
            }
            catch (Exception)
            {
                level = false;
                at = 0;
                return false;
            }
        }
    }
}
