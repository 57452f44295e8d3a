using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Config;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Drivers;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Core.Device
{
    /// <summary>
    /// One field device: the supervisor, sensors, actuators, commands and diagnostics wired from a
    /// <see cref="DeviceConfig"/>. The ESP32 firmware and every simulated device are this class; only the
    /// <see cref="DevicePorts"/> differ. Not thread-safe: one thread calls Step and Shutdown.
    /// </summary>
    public sealed class FieldDevice : IDeviceActions, IRuntimeSettings
    {
        public const string ConfigErrorCode = "config_error";
        public const string HardwareErrorCode = "hardware_error";

        private readonly DeviceConfig _config;
        private readonly DevicePorts _ports;
        private readonly Topics _topics;
        private readonly ConnectionSupervisor _supervisor;
        private readonly ErrorReporter _errors;
        private readonly SensorSchedule _sensors;
        private readonly ActuatorBank _actuators;
        private readonly CommandRouter _router;
        private readonly DiagPublisher _diag;

        public FieldDevice(DeviceConfig config, DevicePorts ports)
        {
            if (config == null || ports == null || ports.Mqtt == null || ports.Network == null || ports.Clock == null
                || ports.Jitter == null || ports.Settings == null || ports.Platform == null || ports.Hardware == null)
            {
                throw new System.ArgumentNullException("config and every port are required");
            }

            _config = config;
            _ports = ports;
            _topics = new Topics(config.Prefix, config.DeviceId);
            _supervisor = new ConnectionSupervisor(
                SupervisorOptionsFrom(config), ports.Mqtt, ports.Network, ports.Clock, ports.Jitter, ports.Settings,
                ports.Platform, _topics, new string[] { _topics.CommandFilter }, new int[] { 1 });
            _errors = new ErrorReporter(_supervisor, _topics, ports.Clock);

            long now = ports.Clock.NowMs;
            _actuators = new ActuatorBank(_supervisor, _topics);
            AddActuators(now);

            _sensors = new SensorSchedule(_supervisor, _topics, ports.Clock, _errors);
            AddSensors();

            var routerOptions = new CommandRouterOptions();
            routerOptions.MaxPayloadBytes = config.MaxCommandPayload;
            _router = new CommandRouter(_topics, _supervisor, ports.Clock, _actuators, ports.Settings, routerOptions);
            _router.DeviceActions = this;
            _router.RuntimeSettings = this;
            _supervisor.MessageSink = _router;

            var diagOptions = new DiagOptions();
            diagOptions.IntervalMs = config.DiagIntervalMs;
            diagOptions.FirmwareVersion = FirmwareInfo.Version;
            _diag = new DiagPublisher(diagOptions, _supervisor, ports.Clock, ports.Platform, ports.Network);
            _diag.AddContributor(_sensors);
            _diag.AddContributor(_actuators);
            _diag.AddContributor(_router);

            PersistedSettings.ApplyAtBoot(ports.Settings, this, _sensors.SensorNames(), _sensors.StreamNames());
        }

        public Topics Topics
        {
            get { return _topics; }
        }

        public ConnectionSupervisor Supervisor
        {
            get { return _supervisor; }
        }

        public ConnectionState State
        {
            get { return _supervisor.State; }
        }

        public SensorSchedule Sensors
        {
            get { return _sensors; }
        }

        public ActuatorBank Actuators
        {
            get { return _actuators; }
        }

        public CommandRouter Commands
        {
            get { return _router; }
        }

        public DiagPublisher Diagnostics
        {
            get { return _diag; }
        }

        /// <summary>
        /// Reports a problem on the error topic (queued until the device is online): also for what the
        /// shell found before the core ran, such as a bad nf.config on the board or a missing certificate.
        /// </summary>
        public void ReportProblem(string code, string message)
        {
            _errors.Report(code, message);
        }

        /// <summary>Runs every part that is due and returns when to be stepped next (IClock ms).</summary>
        public long Step(long nowMs)
        {
            // Sensors first, so that a fresh reading leaves in this very step; the supervisor then takes
            // link events (commands), and the fail-safe sees the session as it is now.
            long next = _sensors.Step(nowMs);
            next = Earliest(next, _supervisor.Step(nowMs));
            next = Earliest(next, _actuators.Step(nowMs, _supervisor.IsOnline));
            next = Earliest(next, _diag.Step(nowMs));
            return next < nowMs ? nowMs : next;
        }

        /// <summary>A planned stop: publishes "offline" and disconnects over the next steps (see ConnectionSupervisor.Shutdown).</summary>
        public void Shutdown()
        {
            _supervisor.Shutdown();
        }

        void IDeviceActions.RequestReboot(string reason)
        {
            _supervisor.RequestReboot(reason);
        }

        void IDeviceActions.RequestDiag()
        {
            _diag.PublishDiagNow();
        }

        string IRuntimeSettings.SetInterval(string sensor, long intervalMs)
        {
            if (intervalMs > int.MaxValue)
            {
                return "interval must be 100..86400000 ms";
            }

            return _sensors.SetInterval(sensor, (int)intervalMs);
        }

        string IRuntimeSettings.SetQos(string stream, int qos)
        {
            return _sensors.SetStreamQos(stream, qos);
        }

        private void AddSensors()
        {
            for (int i = 0; i < _config.Sensors.Length; i++)
            {
                SensorConfig s = _config.Sensors[i];
                string problem;
                if (s.Type == SensorConfig.Input)
                {
                    IDigitalInput input = _ports.Hardware.OpenInput(s.Pin, s.PullUp, s.DebounceMs);
                    if (input == null)
                    {
                        ReportProblem(HardwareErrorCode, "sensor " + s.Name + ": GPIO " + s.Pin.ToString() + " could not be opened");
                        continue;
                    }

                    var options = new DigitalInputOptions(s.Name);
                    options.DebounceMs = (int)s.DebounceMs;
                    // With the pull-up, the switch pulls the pin to ground: pressed (active) reads low.
                    options.ActiveLow = s.PullUp;
                    options.Qos = s.Qos;
                    options.Retain = s.Retain;
                    problem = _sensors.AddInput(input, options);
                }
                else
                {
                    problem = _sensors.Add(CreateDriver(s), SensorOptionsFrom(s));
                }

                if (problem != null)
                {
                    ReportProblem(ConfigErrorCode, "sensor " + s.Name + ": " + problem);
                }
            }
        }

        private ISensor CreateDriver(SensorConfig s)
        {
            if (s.Type == SensorConfig.Bme280)
            {
                return new Bme280(OpenBus(s.Address == 0 ? Bme280.DefaultAddress : s.Address));
            }

            if (s.Type == SensorConfig.Sht3x)
            {
                return new Sht3x(OpenBus(s.Address == 0 ? Sht3x.DefaultAddress : s.Address));
            }

            return new Bh1750(OpenBus(s.Address == 0 ? Bh1750.DefaultAddress : s.Address));
        }

        private II2cBus OpenBus(int address)
        {
            II2cBus bus = _ports.Hardware.OpenI2c(address);
            return bus != null ? bus : new AbsentI2cBus(address);
        }

        private void AddActuators(long now)
        {
            for (int i = 0; i < _config.Actuators.Length; i++)
            {
                ActuatorConfig a = _config.Actuators[i];
                var options = new ActuatorOptions();
                options.Name = a.Name;
                options.Kind = a.Type == ActuatorConfig.Pwm ? ActuatorKind.Pwm : a.Type == ActuatorConfig.Led ? ActuatorKind.Led : ActuatorKind.Relay;
                options.Inverted = a.Inverted;
                options.FailSafeAfterMs = a.SafeAfterMs;
                options.MaxChanges = a.MaxChangesPerMinute;
                options.ChangeWindowMs = 60000;
                ActuatorVerb verb;
                int duty;
                // The config parser has checked the text; an unparsable one falls back to off, the safe side.
                if (ActuatorValue.TryParse(a.Safe, out verb, out duty))
                {
                    options.SafeDuty = verb == ActuatorVerb.On ? 10000 : verb == ActuatorVerb.Duty ? duty : 0;
                }

                string problem = options.Validate();
                if (problem != null)
                {
                    ReportProblem(ConfigErrorCode, "actuator " + a.Name + ": " + problem);
                    continue;
                }

                Actuator actuator;
                if (options.Kind == ActuatorKind.Pwm)
                {
                    IPwmOutput pwm = _ports.Hardware.OpenPwm(a.Pin, a.FrequencyHz);
                    actuator = pwm == null ? null : new Actuator(options, pwm);
                }
                else
                {
                    IDigitalOutput output = _ports.Hardware.OpenOutput(a.Pin);
                    actuator = output == null ? null : new Actuator(options, output);
                }

                if (actuator == null)
                {
                    ReportProblem(HardwareErrorCode, "actuator " + a.Name + ": GPIO " + a.Pin.ToString() + " could not be opened");
                    continue;
                }

                problem = _actuators.Add(actuator, now);
                if (problem != null)
                {
                    ReportProblem(ConfigErrorCode, "actuator " + a.Name + ": " + problem);
                }
            }
        }

        private static SensorOptions SensorOptionsFrom(SensorConfig s)
        {
            var options = new SensorOptions(s.Name);
            options.IntervalMs = (int)s.IntervalMs;
            options.Deadband = s.Deadband;
            options.HeartbeatIntervals = s.Deadband > 0 ? s.Heartbeat : options.HeartbeatIntervals;
            options.MedianWindow = s.Median;
            options.Qos = s.Qos;
            options.Retain = s.Retain;
            return options;
        }

        private static SupervisorOptions SupervisorOptionsFrom(DeviceConfig c)
        {
            var o = new SupervisorOptions();
            o.Endpoints = new BrokerEndpoint[c.BrokerHosts.Length];
            for (int i = 0; i < c.BrokerHosts.Length; i++)
            {
                o.Endpoints[i] = new BrokerEndpoint(c.BrokerHosts[i], c.BrokerPorts[i], c.Tls);
            }

            o.FailoverAfterFailures = c.FailoverAfter;
            o.ClientId = c.ClientId;
            o.Username = c.User;
            o.Password = c.Password;
            o.ProtocolVersion = c.ProtocolVersion;
            o.KeepAliveSeconds = c.KeepAliveSeconds;
            o.SessionExpirySeconds = c.SessionExpirySeconds;
            o.ConnectTimeoutMs = (int)c.ConnectTimeoutMs;
            o.WatchdogMs = c.OfflineRebootMs;
            o.Backoff.BaseMs = (int)c.BackoffBaseMs;
            o.Backoff.CapMs = (int)c.BackoffCapMs;
            o.Backoff.Multiplier = c.BackoffMultiplier;
            o.Backoff.ResetAfterStableMs = (int)c.BackoffStableMs;
            o.Outbox.MaxMessages = c.OutboxMaxMessages;
            o.Outbox.MaxBytes = c.OutboxMaxBytes;
            o.Outbox.ExpiryMs = c.OutboxExpiryMs;
            return o;
        }

        private static long Earliest(long a, long b)
        {
            return a < b ? a : b;
        }
    }
}
