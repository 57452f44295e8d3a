using System;
using System.Collections;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// Samples the polled sensors at their intervals, takes the digital inputs' edges, and publishes
    /// telemetry on {prefix}/{id}/telemetry/{stream}. A step function: <see cref="Step"/> does what is due
    /// and returns when it wants to run again; it never waits for a conversion and never throws.
    /// A sensor that fails keeps being retried at its interval; the first failure (after
    /// <see cref="ScheduleOptions"/>' threshold) is reported once on the error topic as "sensor_fault",
    /// the recovery once as "sensor_recovered", and diag lists the sensors in fault.
    /// </summary>
    public sealed class SensorSchedule : IDiagContributor
    {
        public const string FaultCode = "sensor_fault";
        public const string RecoveredCode = "sensor_recovered";
        public const int MinIntervalMs = 100;
        public const int MaxIntervalMs = 86400000;

        /// <summary>A broken input that reports edges forever must not hold the loop.</summary>
        private const int MaxEdgesPerStep = 64;

        /// <summary>A driver's conversion time above this is treated as a driver bug, not waited for.</summary>
        private const int MaxWaitMs = 10000;

        private readonly IPublisher _publisher;
        private readonly Topics _topics;
        private readonly ErrorReporter _errors;
        private readonly ScheduleOptions _options;
        private readonly TelemetryEncoder _encoder;
        private readonly ArrayList _sensors = new ArrayList();
        private readonly ArrayList _inputs = new ArrayList();
        private readonly ArrayList _streams = new ArrayList();
        private long _faultEvents;

        public SensorSchedule(IPublisher publisher, Topics topics, IClock clock, ErrorReporter errors)
            : this(publisher, topics, clock, errors, null)
        {
        }

        /// <param name="errors">Where faults are reported; null reports nothing (diag still shows them).</param>
        /// <param name="options">Null for the defaults.</param>
        public SensorSchedule(IPublisher publisher, Topics topics, IClock clock, ErrorReporter errors, ScheduleOptions options)
        {
            if (publisher == null || topics == null)
            {
                throw new ArgumentNullException(publisher == null ? "publisher" : "topics");
            }

            _publisher = publisher;
            _topics = topics;
            _errors = errors;
            _options = options == null ? new ScheduleOptions() : options;
            _encoder = new TelemetryEncoder(clock);
        }

        /// <summary>How many times since boot a sensor went into fault.</summary>
        public long FaultEvents
        {
            get { return _faultEvents; }
        }

        /// <summary>How many sensors are in fault now.</summary>
        public int FaultedCount
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _sensors.Count; i++)
                {
                    if (((PolledSensor)_sensors[i]).Faulted)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>
        /// Registers a polled sensor. Returns null, or why it was refused (bad name, a name already used,
        /// an option out of range). Configuration comes from outside, so this answers rather than throws.
        /// </summary>
        public string Add(ISensor sensor, SensorOptions options)
        {
            if (sensor == null || options == null)
            {
                return "sensor and options are required";
            }

            string problem = options.Check();
            if (problem != null)
            {
                return problem;
            }

            int channels;
            try
            {
                channels = sensor.ChannelCount;
            }
            catch (Exception)
            {
                return options.Name + ": the driver failed to describe its channels";
            }

            if (channels < 1 || channels > 16)
            {
                return options.Name + ": a sensor needs 1..16 channels";
            }

            TelemetryStream[] streams = new TelemetryStream[channels];
            for (int i = 0; i < channels; i++)
            {
                string quantity = sensor.ChannelName(i);
                string name = channels == 1 ? options.Name : options.Name + "_" + quantity;
                problem = Topics.CheckSegment(name, "stream name");
                if (problem != null)
                {
                    return problem;
                }

                for (int j = 0; j < i; j++)
                {
                    if (streams[j].Name == name)
                    {
                        return options.Name + ": two channels are both named '" + quantity + "'";
                    }
                }

                int decimals = sensor.Decimals(i);
                if (decimals < 0 || decimals > 6)
                {
                    return name + ": decimals must be 0..6";
                }

                streams[i] = new TelemetryStream(name, _topics.Telemetry(name), sensor.Unit(i), decimals,
                    options.Qos, options.Retain, ScaleDeadband(options.DeadbandOf(i), decimals),
                    options.HeartbeatIntervals, options.MedianWindow);
            }

            problem = CheckUnused(options.Name);
            for (int i = 0; problem == null && i < channels; i++)
            {
                if (streams[i].Name != options.Name)
                {
                    problem = CheckUnused(streams[i].Name);
                }
            }

            if (problem != null)
            {
                return problem;
            }

            _sensors.Add(new PolledSensor(options.Name, sensor, streams, options.IntervalMs));
            for (int i = 0; i < channels; i++)
            {
                _streams.Add(streams[i]);
            }

            return null;
        }

        /// <summary>Registers a digital input (event driven). Returns null or why it was refused.</summary>
        public string AddInput(IDigitalInput input, DigitalInputOptions options)
        {
            if (input == null || options == null)
            {
                return "input and options are required";
            }

            string problem = options.Check();
            if (problem == null)
            {
                problem = CheckUnused(options.Name);
            }

            if (problem != null)
            {
                return problem;
            }

            TelemetryStream stream = new TelemetryStream(options.Name, _topics.Telemetry(options.Name), string.Empty,
                0, options.Qos, options.Retain, -1, 0, 1);
            _inputs.Add(new DigitalInputStream(input, stream, options));
            _streams.Add(stream);
            return null;
        }

        /// <summary>Does what is due at nowMs and returns the time (ms) it wants to be stepped next.</summary>
        public long Step(long nowMs)
        {
            long next = long.MaxValue;
            for (int i = 0; i < _inputs.Count; i++)
            {
                next = Earlier(next, StepInput((DigitalInputStream)_inputs[i], nowMs));
            }

            for (int i = 0; i < _sensors.Count; i++)
            {
                next = Earlier(next, StepSensor((PolledSensor)_sensors[i], nowMs));
            }

            return next == long.MaxValue ? nowMs + _options.IdleMs : next;
        }

        /// <summary>Changes a sensor's interval at run time. Null on success, else a short reason.</summary>
        public string SetInterval(string sensor, int intervalMs)
        {
            PolledSensor s = FindSensor(sensor);
            if (s == null)
            {
                return FindInput(sensor) != null ? "'" + sensor + "' is an event-driven input; it has no interval" : "unknown sensor";
            }

            string problem = CheckInterval(intervalMs);
            if (problem != null)
            {
                return problem;
            }

            s.IntervalMs = intervalMs;
            if (s.Scheduled)
            {
                // Keep the cadence anchored to the last sample: shortening takes effect at once,
                // lengthening does not skip the sample that is already nearly due by more than needed.
                s.NextStartAt = s.LastDueAt + intervalMs;
            }

            return null;
        }

        /// <summary>A sensor's interval in ms, or -1 for an unknown sensor.</summary>
        public int GetInterval(string sensor)
        {
            PolledSensor s = FindSensor(sensor);
            return s == null ? -1 : s.IntervalMs;
        }

        /// <summary>Changes a stream's QoS at run time. Null on success, else a short reason.</summary>
        public string SetStreamQos(string stream, int qos)
        {
            TelemetryStream s = FindStream(stream);
            if (s == null)
            {
                return "unknown stream";
            }

            string problem = CheckQos(qos);
            if (problem != null)
            {
                return problem;
            }

            s.Qos = qos;
            return null;
        }

        /// <summary>A stream's QoS, or -1 for an unknown stream.</summary>
        public int GetStreamQos(string stream)
        {
            TelemetryStream s = FindStream(stream);
            return s == null ? -1 : s.Qos;
        }

        public bool HasSensor(string name)
        {
            return FindSensor(name) != null;
        }

        public bool HasStream(string name)
        {
            return FindStream(name) != null;
        }

        /// <summary>The polled sensors' names, in registration order (inputs are streams, not sensors).</summary>
        public string[] SensorNames()
        {
            string[] names = new string[_sensors.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = ((PolledSensor)_sensors[i]).Name;
            }

            return names;
        }

        /// <summary>Every published stream's name (sensor quantities and inputs), in registration order.</summary>
        public string[] StreamNames()
        {
            string[] names = new string[_streams.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = ((TelemetryStream)_streams[i]).Name;
            }

            return names;
        }

        /// <summary>True while the named sensor is in fault.</summary>
        public bool IsFaulted(string sensor)
        {
            PolledSensor s = FindSensor(sensor);
            return s != null && s.Faulted;
        }

        /// <summary>Writes "sensor_faults":["climate",...] (empty when all is well) and "sensor_fault_events":n.</summary>
        public void WriteDiag(JsonWriter w)
        {
            w.Name("sensor_faults");
            w.BeginArray();
            for (int i = 0; i < _sensors.Count; i++)
            {
                PolledSensor s = (PolledSensor)_sensors[i];
                if (s.Faulted)
                {
                    w.Value(s.Name);
                }
            }

            w.EndArray();
            w.Name("sensor_fault_events");
            w.Value(_faultEvents);
        }

        /// <summary>Null when the interval is usable, else why not.</summary>
        public static string CheckInterval(int intervalMs)
        {
            if (intervalMs < MinIntervalMs || intervalMs > MaxIntervalMs)
            {
                return "interval must be " + MinIntervalMs + ".." + MaxIntervalMs + " ms";
            }

            return null;
        }

        public static string CheckQos(int qos)
        {
            return qos < 0 || qos > 2 ? "qos must be 0, 1 or 2" : null;
        }

        /// <summary>A short, stable text for a status, for error messages (enum names are not kept on nanoFramework).</summary>
        public static string Describe(SensorStatus status)
        {
            switch (status)
            {
                case SensorStatus.Ok:
                    return "ok";
                case SensorStatus.NotReady:
                    return "not ready";
                case SensorStatus.NoAck:
                    return "no ACK";
                case SensorStatus.DataNack:
                    return "data not acknowledged";
                case SensorStatus.Timeout:
                    return "timeout";
                case SensorStatus.BusError:
                    return "bus error";
                case SensorStatus.BadCrc:
                    return "CRC mismatch";
                case SensorStatus.WrongChip:
                    return "wrong chip";
                case SensorStatus.Implausible:
                    return "implausible value";
                default:
                    return "unknown status";
            }
        }

        private long StepSensor(PolledSensor s, long now)
        {
            if (!s.Scheduled)
            {
                s.Scheduled = true;
                s.NextStartAt = now;
            }

            if (s.Measuring)
            {
                if (now < s.CollectAt)
                {
                    return Earlier(s.CollectAt, s.NextStartAt);
                }

                Collect(s, now);
                if (s.Measuring)
                {
                    return s.CollectAt;
                }
            }

            if (now >= s.NextStartAt)
            {
                StartSample(s, now);
                if (s.Measuring)
                {
                    return s.CollectAt;
                }
            }

            return s.NextStartAt;
        }

        private void StartSample(PolledSensor s, long now)
        {
            long due = s.NextStartAt;
            s.LastDueAt = due;
            s.NextStartAt = due + s.IntervalMs;
            if (s.NextStartAt <= now)
            {
                // Fell behind (a long stall): skip the missed samples instead of bursting them.
                s.LastDueAt = now;
                s.NextStartAt = now + s.IntervalMs;
            }

            SensorStatus status;
            int waitMs = 0;
            try
            {
                status = s.Sensor.Start(out waitMs);
            }
            catch (Exception)
            {
                status = SensorStatus.BusError;
            }

            if (status != SensorStatus.Ok)
            {
                Fail(s, status);
                return;
            }

            if (waitMs < 0 || waitMs > MaxWaitMs)
            {
                waitMs = waitMs < 0 ? 0 : MaxWaitMs;
            }

            s.Measuring = true;
            s.NotReadyCount = 0;
            s.CollectAt = now + waitMs;
            if (waitMs == 0)
            {
                Collect(s, now);
            }
        }

        private void Collect(PolledSensor s, long now)
        {
            SensorStatus status;
            try
            {
                status = s.Sensor.Collect(s.Readings);
            }
            catch (Exception)
            {
                status = SensorStatus.BusError;
            }

            if (status == SensorStatus.NotReady)
            {
                s.NotReadyCount++;
                if (s.NotReadyCount <= _options.CollectRetries)
                {
                    s.CollectAt = now + (_options.CollectRetryMs < 1 ? 1 : _options.CollectRetryMs);
                    return;
                }

                s.Measuring = false;
                Fail(s, SensorStatus.Timeout, "not ready after " + _options.CollectRetries + " retries");
                return;
            }

            s.Measuring = false;
            if (status != SensorStatus.Ok)
            {
                Fail(s, status);
                return;
            }

            s.ConsecutiveFailures = 0;
            if (s.Faulted)
            {
                s.Faulted = false;
                Report(RecoveredCode, s.Name + ": reading again after " + s.FailedSinceFault + " failed samples");
            }

            for (int i = 0; i < s.Streams.Length; i++)
            {
                TelemetryStream stream = s.Streams[i];
                long value = stream.Smooth(s.Readings[i]);
                if (stream.ShouldPublish(value))
                {
                    Publish(stream, value, now);
                }
            }
        }

        private void Fail(PolledSensor s, SensorStatus status)
        {
            string detail = null;
            try
            {
                detail = s.Sensor.FaultDetail;
            }
            catch (Exception)
            {
            }

            Fail(s, status, detail);
        }

        private void Fail(PolledSensor s, SensorStatus status, string detail)
        {
            s.LastStatus = status;
            s.LastDetail = detail == null || detail.Length == 0 ? Describe(status) : detail;
            s.ConsecutiveFailures++;
            if (s.Faulted)
            {
                s.FailedSinceFault++;
                return;
            }

            int threshold = _options.FaultAfterFailures < 1 ? 1 : _options.FaultAfterFailures;
            if (s.ConsecutiveFailures < threshold)
            {
                return;
            }

            s.Faulted = true;
            s.FailedSinceFault = s.ConsecutiveFailures;
            _faultEvents++;
            for (int i = 0; i < s.Streams.Length; i++)
            {
                s.Streams[i].Restart();
            }

            Report(FaultCode, s.Name + ": " + s.LastDetail);
        }

        private long StepInput(DigitalInputStream p, long now)
        {
            bool level;
            long at;
            if (!p.Initialized)
            {
                // Edges queued before the first step are history: the level read now is the truth.
                Drain(p);
                p.Initialized = true;
                p.Stable = ReadLevel(p);
                p.LastPublishAt = now;
                if (p.PublishInitial)
                {
                    PublishLevel(p, now);
                }
            }

            int taken = 0;
            while (taken < MaxEdgesPerStep && TakeChange(p, out level, out at))
            {
                taken++;
                p.Candidate = level;
                // A stamp from the future (another clock) would hold the change forever; clamp it.
                p.CandidateAt = at > now ? now : at;
                p.Pending = true;
            }

            if (p.Pending && now - p.CandidateAt >= p.DebounceMs)
            {
                p.Pending = false;
                if (p.Candidate != p.Stable)
                {
                    p.Stable = p.Candidate;
                    PublishLevel(p, now);
                }
            }

            if (p.HeartbeatMs > 0 && now - p.LastPublishAt >= p.HeartbeatMs)
            {
                PublishLevel(p, now);
            }

            long wake = now + (_options.InputCheckMs < 1 ? 1 : _options.InputCheckMs);
            if (taken == MaxEdgesPerStep)
            {
                // More edges may be queued, and their wake-up was already spent: come back at once
                // rather than after the (long) backstop.
                wake = now;
            }

            if (p.Pending)
            {
                wake = Earlier(wake, p.CandidateAt + p.DebounceMs);
            }

            if (p.HeartbeatMs > 0)
            {
                wake = Earlier(wake, p.LastPublishAt + p.HeartbeatMs);
            }

            return wake;
        }

        private void PublishLevel(DigitalInputStream p, long now)
        {
            p.LastPublishAt = now;
            Publish(p.Stream, p.Stable != p.ActiveLow ? 1 : 0, now);
        }

        private static void Drain(DigitalInputStream p)
        {
            bool level;
            long at;
            for (int n = 0; n < MaxEdgesPerStep && TakeChange(p, out level, out at); n++)
            {
            }
        }

        private static bool TakeChange(DigitalInputStream p, out bool level, out long at)
        {
            try
            {
                return p.Input.TryTakeChange(out level, out at);
            }
            catch (Exception)
            {
                level = false;
                at = 0;
                return false;
            }
        }

        private static bool ReadLevel(DigitalInputStream p)
        {
            try
            {
                return p.Input.Read();
            }
            catch (Exception)
            {
                return false;
            }
        }

        private void Publish(TelemetryStream stream, long value, long now)
        {
            stream.Seq++;
            byte[] payload = _encoder.Encode(value, stream.Decimals, stream.UnitChars, stream.Seq);
            bool accepted = _publisher.Publish(stream.Topic, payload, stream.Qos, stream.Retain, null);
            stream.Published(value, accepted);
        }

        private void Report(string code, string message)
        {
            if (_errors != null)
            {
                _errors.Report(code, message);
            }
        }

        private string CheckUnused(string name)
        {
            if (FindSensor(name) != null || FindStream(name) != null)
            {
                return "the name '" + name + "' is already used";
            }

            return null;
        }

        private PolledSensor FindSensor(string name)
        {
            for (int i = 0; i < _sensors.Count; i++)
            {
                PolledSensor s = (PolledSensor)_sensors[i];
                if (s.Name == name)
                {
                    return s;
                }
            }

            return null;
        }

        private DigitalInputStream FindInput(string name)
        {
            for (int i = 0; i < _inputs.Count; i++)
            {
                DigitalInputStream p = (DigitalInputStream)_inputs[i];
                if (p.Stream.Name == name)
                {
                    return p;
                }
            }

            return null;
        }

        private TelemetryStream FindStream(string name)
        {
            for (int i = 0; i < _streams.Count; i++)
            {
                TelemetryStream s = (TelemetryStream)_streams[i];
                if (s.Name == name)
                {
                    return s;
                }
            }

            return null;
        }

        /// <summary>-1 = no deadband; 0 = publish on any change; n = publish on a change of more than n steps.</summary>
        private static long ScaleDeadband(double deadband, int decimals)
        {
            if (!(deadband > 0))
            {
                return -1;
            }

            double scaled = deadband;
            for (int i = 0; i < decimals; i++)
            {
                scaled *= 10;
            }

            // A deadband finer than one step of the reading rounds to 0: "publish on any change".
            return (long)(scaled + 0.5);
        }

        private static long Earlier(long a, long b)
        {
            return a < b ? a : b;
        }
    }
}
