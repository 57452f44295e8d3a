using System;
using System.Collections;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// The registry of polled sensors and digital inputs, and their run-time settings (interval, QoS).
    /// Each publishes on {prefix}/{id}/telemetry/{name}: a sensor all its quantities in one message, an
    /// input its level. A step function: <see cref="Step"/> steps each one (they own their timing) and
    /// returns the earliest time any wants to run again; it never waits for a conversion and never throws.
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

        private readonly IPublisher _publisher;
        private readonly Topics _topics;
        private readonly ErrorReporter _errors;
        private readonly ScheduleOptions _options;
        private readonly TelemetryEncoder _encoder;
        private readonly ArrayList _sensors = new ArrayList();
        private readonly ArrayList _inputs = new ArrayList();

        /// <param name="errors">Where faults are reported; null reports nothing (diag still shows them).</param>
        /// <param name="options">Null for the defaults.</param>
        public SensorSchedule(IPublisher publisher, Topics topics, IClock clock, ErrorReporter errors, ScheduleOptions options)
        {
            if (publisher == null || topics == null)
            {
                throw new ArgumentNullException();
            }

            _publisher = publisher;
            _topics = topics;
            _errors = errors;
            _options = options == null ? new ScheduleOptions() : options;
            _encoder = new TelemetryEncoder(clock);
        }

        /// <summary>
        /// Registers a polled sensor. Returns null, or why it was refused (bad name, a name already used,
        /// an option out of range). Configuration comes from outside, so this answers rather than throws.
        /// A sensor with several quantities also reserves {name}_{quantity}, the names its quantities
        /// have in Home Assistant.
        /// </summary>
        public string Add(ISensor sensor, SensorOptions options)
        {
            if (sensor == null || options == null)
            {
                return "sensor and options are required";
            }

            string problem = Topics.CheckSegment(options.Name, "sensor name");
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
                return options.Name + ": the driver gave no channels";
            }

            if (channels < 1 || channels > 16)
            {
                return options.Name + ": a sensor needs 1..16 channels";
            }

            problem = CheckUnused(options.Name);
            Quantity[] quantities = new Quantity[channels];
            string[] names = new string[channels];
            for (int i = 0; problem == null && i < channels; i++)
            {
                string quantity = sensor.ChannelName(i);
                names[i] = channels == 1 ? options.Name : options.Name + "_" + quantity;
                problem = Topics.CheckSegment(names[i], "stream name");
                for (int j = 0; problem == null && j < i; j++)
                {
                    if (names[j] == names[i])
                    {
                        problem = options.Name + ": two channels are both named '" + quantity + "'";
                    }
                }

                int decimals = sensor.Decimals(i);
                if (problem == null && (decimals < 0 || decimals > 6))
                {
                    problem = names[i] + ": decimals must be 0..6";
                }

                if (problem == null && channels > 1)
                {
                    problem = CheckUnused(names[i]);
                }

                if (problem == null)
                {
                    // The deadband in steps of the reading: -1 = none; 0 = publish on any change (also a deadband
                    // finer than one step, which rounds to 0); n = publish on a change of more than n steps.
                    double deadband = options.DeadbandOf(i);
                    long steps = -1;
                    if (deadband > 0)
                    {
                        for (int d = 0; d < decimals; d++)
                        {
                            deadband *= 10;
                        }

                        steps = (long)(deadband + 0.5);
                    }

                    quantities[i] = new Quantity(channels == 1 ? "v" : quantity, decimals, steps, options.HeartbeatIntervals, options.MedianWindow);
                }
            }

            if (problem != null)
            {
                return problem;
            }

            TelemetryStream stream = new TelemetryStream(options.Name, _topics.Telemetry(options.Name), options.Qos, options.Retain);
            _sensors.Add(new PolledSensor(sensor, stream, quantities, channels > 1 ? names : null, options.IntervalMs, _publisher, _encoder, _errors, _options));
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

            TelemetryStream stream = new TelemetryStream(options.Name, _topics.Telemetry(options.Name), options.Qos, options.Retain);
            _inputs.Add(new DebouncedInput(input, stream, options, _publisher, _encoder, _options));
            return null;
        }

        /// <summary>Does what is due at nowMs and returns the time (ms) it wants to be stepped next.</summary>
        public long Step(long nowMs)
        {
            long next = long.MaxValue;
            for (int i = 0; i < _inputs.Count; i++)
            {
                long wake = ((DebouncedInput)_inputs[i]).Step(nowMs);
                next = wake < next ? wake : next;
            }

            for (int i = 0; i < _sensors.Count; i++)
            {
                long wake = ((PolledSensor)_sensors[i]).Step(nowMs);
                next = wake < next ? wake : next;
            }

            return next == long.MaxValue ? nowMs + ScheduleOptions.IdleMs : next;
        }

        /// <summary>Changes a sensor's interval at run time. Null on success, else a short reason.</summary>
        public string SetInterval(string sensor, int intervalMs)
        {
            PolledSensor s = FindSensor(sensor);
            if (s == null)
            {
                return FindStream(sensor) != null ? "'" + sensor + "' is an input; it has no interval" : "unknown sensor";
            }

            string problem = CheckInterval(intervalMs);
            if (problem != null)
            {
                return problem;
            }

            s.SetInterval(intervalMs);
            return null;
        }

        /// <summary>
        /// Changes a stream's QoS at run time: a sensor's (all its quantities travel in one message) or an
        /// input's. Null on success, else a short reason.
        /// </summary>
        public string SetStreamQos(string stream, int qos)
        {
            TelemetryStream s = FindStream(stream);
            if (s == null)
            {
                PolledSensor owner = QuantityOwner(stream);
                return owner == null ? "unknown stream" : "QoS is per sensor: qos " + owner.Stream.Name + " " + qos.ToString();
            }

            string problem = CheckQos(qos);
            if (problem != null)
            {
                return problem;
            }

            s.Qos = qos;
            return null;
        }

        /// <summary>The polled sensors' names, in registration order (inputs are streams, not sensors).</summary>
        public string[] SensorNames()
        {
            string[] names = new string[_sensors.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = ((PolledSensor)_sensors[i]).Stream.Name;
            }

            return names;
        }

        /// <summary>Every telemetry stream's name (the sensors, then the inputs), one per topic.</summary>
        public string[] StreamNames()
        {
            string[] names = new string[_sensors.Count + _inputs.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = StreamAt(i).Name;
            }

            return names;
        }

        /// <summary>
        /// Writes "sensor_faults":["climate",...] (the sensors in fault now; empty when all is well) and
        /// "sensor_fault_events":n (how many times since boot a sensor went into fault).
        /// </summary>
        public void WriteDiag(JsonWriter w)
        {
            long events = 0;
            w.Name("sensor_faults");
            w.BeginArray();
            for (int i = 0; i < _sensors.Count; i++)
            {
                PolledSensor s = (PolledSensor)_sensors[i];
                events += s.FaultEvents;
                if (s.Faulted)
                {
                    w.Value(s.Stream.Name);
                }
            }

            w.EndArray();
            w.Name("sensor_fault_events");
            w.Value(events);
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

        private string CheckUnused(string name)
        {
            if (FindStream(name) != null || QuantityOwner(name) != null)
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
                if (s.Stream.Name == name)
                {
                    return s;
                }
            }

            return null;
        }

        private TelemetryStream FindStream(string name)
        {
            for (int i = 0; i < _sensors.Count + _inputs.Count; i++)
            {
                TelemetryStream s = StreamAt(i);
                if (s.Name == name)
                {
                    return s;
                }
            }

            return null;
        }

        private TelemetryStream StreamAt(int i)
        {
            return i < _sensors.Count ? ((PolledSensor)_sensors[i]).Stream : ((DebouncedInput)_inputs[i - _sensors.Count]).Stream;
        }

        /// <summary>The multi-quantity sensor that has a quantity of this {sensor}_{quantity} name, or null.</summary>
        private PolledSensor QuantityOwner(string name)
        {
            for (int i = 0; i < _sensors.Count; i++)
            {
                PolledSensor s = (PolledSensor)_sensors[i];
                if (s.HasQuantityNamed(name))
                {
                    return s;
                }
            }

            return null;
        }
    }
}
