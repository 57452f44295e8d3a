using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Config;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Health;
using NanoMqtt.Core.HomeAssistant;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Power;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Core.Device
{
    /// <summary>
    /// One field device: the supervisor, sensors, actuators, commands and diagnostics wired from a
    /// <see cref="DeviceConfig"/>. The ESP32 firmware and every simulated device are this class; only the
    /// <see cref="DevicePorts"/> differ. Not thread-safe: one thread calls Step and Shutdown.
    /// In sleep mode ([power] mode = sleep) one FieldDevice is one wake: build it at boot, step it until
    /// <see cref="IsAsleep"/> (the <see cref="DevicePorts.Sleep"/> port was called), and build a new one
    /// after the sleep. With [homeassistant] discovery on, it also announces itself to Home Assistant.
    /// The parts take the config's options objects as they are; the device completes them with what it
    /// derives (the inbound packet bound, the shutdown reserve, the deploy window of a cold boot, the
    /// firmware version...), so build one FieldDevice per parsed config.
    /// </summary>
    public sealed class FieldDevice : IDeviceActions, IRuntimeSettings, IMessageSink, IRebootObserver
    {
        public const string ConfigErrorCode = "config_error";
        public const string HardwareErrorCode = "hardware_error";

        /// <summary>
        /// Room in an inbound packet beside a command's payload: the fixed header, the topic and MQTT 5
        /// properties (response topic, correlation data). The packet limit is [commands] max_payload plus this.
        /// </summary>
        public const int InboundPacketOverheadBytes = 1024;

        private readonly DeviceConfig _config;
        private readonly DevicePorts _ports;
        private readonly Topics _topics;
        private readonly ConnectionSupervisor _supervisor;
        private readonly ErrorReporter _errors;
        private readonly SensorSchedule _sensors;
        private readonly ActuatorBank _actuators;
        private readonly CommandRouter _router;
        private readonly DiagPublisher _diag;
        private readonly SleepCycle _sleep;
        private readonly OutboxKeeper _keeper;
        private readonly DiscoveryPublisher _discovery;
        private readonly HeapGuard _heap;
        private bool _wasOnline;

        public FieldDevice(DeviceConfig config, DevicePorts ports)
        {
            if (config == null || ports == null || ports.Mqtt == null || ports.Network == null || ports.Clock == null
                || ports.Jitter == null || ports.Settings == null || ports.Platform == null || ports.Hardware == null)
            {
                throw new System.ArgumentNullException();
            }

            _config = config;
            _ports = ports;
            _topics = new Topics(config.Prefix, config.DeviceId);
            Complete(config, ports.ColdBoot);
            DiscoveryOptions discovery = config.Discovery;
            // Home Assistant's birth topic too when discovery is on: its "online" asks for the configs again.
            string[] filters = discovery.Enabled
                ? new string[] { _topics.CommandFilter, discovery.Prefix + "/status" }
                : new string[] { _topics.CommandFilter };
            int[] filterQos = discovery.Enabled ? new int[] { 1, 1 } : new int[] { 1 };
            _supervisor = new ConnectionSupervisor(
                config.Supervisor, ports.Mqtt, ports.Network, ports.Clock, ports.Jitter,
                new RebootKeeper(ports.Settings, ports.Platform), _topics, filters, filterQos);
            if (config.SleepMode && ports.Sleep != null)
            {
                // Before anything publishes: the readings kept from the last wake go first, in their order.
                _sleep = new SleepCycle(config.Sleep, _supervisor, ports.Sleep, ports.Settings, ports.Clock);
                _keeper = _sleep.Keeper;
            }
            else
            {
                // Always on: what the watchdog's (or a command's) reboot left unsent goes first, as after a sleep.
                _keeper = new OutboxKeeper(_supervisor.Outbox, ports.Settings, _topics, OutboxKeeper.DefaultMaxMessages, OutboxKeeper.DefaultMaxBytes);
                _keeper.Restore(ports.Clock.NowMs);
            }

            _supervisor.Reboots.Observer = this;

            _errors = new ErrorReporter(_supervisor, _topics, ports.Clock);
            if (config.SleepMode && _sleep == null)
            {
                ReportProblem(ConfigErrorCode, "[power] mode = sleep, but this platform has no deep sleep: staying awake");
            }

            // Also when discovery is off but an earlier boot announced entities: they are retracted.
            if (discovery.Enabled || ports.Settings.Read(DiscoveryPublisher.StoreKey) != null)
            {
                _discovery = new DiscoveryPublisher(discovery, _supervisor, ports.Settings, ports.Jitter, ports.Clock);
                if (_sleep != null)
                {
                    _sleep.AddTask(_discovery);
                }
            }

            long now = ports.Clock.NowMs;
            _actuators = new ActuatorBank(_supervisor, _topics);
            AddActuators(now);

            _sensors = new SensorSchedule(_supervisor, _topics, ports.Clock, _errors);
            AddSensors();

            _router = new CommandRouter(_topics, _supervisor, ports.Clock, _actuators, ports.Settings, config.Commands);
            _router.DeviceActions = this;
            _router.RuntimeSettings = this;
            _supervisor.MessageSink = this;

            _diag = new DiagPublisher(config.Diag, _supervisor, ports.Clock, ports.Platform, ports.Network);
            _diag.AddContributor(_sensors);
            _diag.AddContributor(_actuators);
            _diag.AddContributor(_router);
            _heap = new HeapGuard(config.HeapFloorBytes, ports.Platform, HeapGuard.DefaultCheckPeriodMs);
            _diag.AddContributor(_heap);
            if (_sleep != null)
            {
                _diag.AddContributor(_sleep);
            }
            else
            {
                _diag.AddContributor(_keeper);
            }

            PersistedSettings.ApplyAtBoot(ports.Settings, this, _sensors.SensorNames(), _sensors.StreamNames());
        }

        public Topics Topics => _topics;

        public ConnectionSupervisor Supervisor => _supervisor;

        public ConnectionState State => _supervisor.State;

        public SensorSchedule Sensors => _sensors;

        public ActuatorBank Actuators => _actuators;

        public CommandRouter Commands => _router;

        public DiagPublisher Diagnostics => _diag;

        /// <summary>The low-heap reboot ([watchdog] heap_floor) and the lowest free heap since boot.</summary>
        public HeapGuard Heap => _heap;

        /// <summary>This wake's cycle in sleep mode; null when always on (or without a deep-sleep port).</summary>
        public SleepCycle SleepCycle => _sleep;

        /// <summary>Home Assistant discovery; null when off (and nothing announced earlier is left to retract).</summary>
        public DiscoveryPublisher Discovery => _discovery;

        /// <summary>True once the wake ended and deep sleep was requested: Step does nothing more.</summary>
        public bool IsAsleep => _sleep != null && _sleep.IsAsleep;

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
            if (IsAsleep)
            {
                return long.MaxValue;
            }

            // The heap first: a reboot it asks for is recorded before anything else allocates.
            long next;
            HeapVerdict heap = _heap.Step(nowMs, out next);
            if (heap == HeapVerdict.Reboot)
            {
                _supervisor.RequestReboot(_heap.Reason);
            }
            else if (heap == HeapVerdict.FloorTooHigh)
            {
                ReportProblem(ConfigErrorCode, _heap.Reason);
            }

            // Sensors first, so that a fresh reading leaves in this very step; the supervisor then takes
            // link events (commands), and the fail-safe sees the session as it is now.
            next = Earliest(next, _sensors.Step(nowMs));
            next = Earliest(next, _supervisor.Step(nowMs));
            next = Earliest(next, _actuators.Step(nowMs, _supervisor.IsOnline));
            next = Earliest(next, _diag.Step(nowMs));
            if (_sleep == null)
            {
                // Online, diag has reported what the last reboot lost; the sleep cycle runs its own record.
                _wasOnline = _wasOnline || _supervisor.IsOnline;
                _keeper.ReleaseDelivered(_wasOnline);
            }

            if (_discovery != null)
            {
                next = Earliest(next, _discovery.Step(nowMs));
            }

            // Last, so that it sees everything the other parts did in this step.
            if (_sleep != null)
            {
                next = Earliest(next, _sleep.Step(nowMs));
                if (_sleep.IsAsleep)
                {
                    return long.MaxValue;
                }
            }

            return next < nowMs ? nowMs : next;
        }

        /// <summary>A planned stop: publishes "offline" and disconnects over the next steps (see ConnectionSupervisor.Shutdown).</summary>
        public void Shutdown()
        {
            _supervisor.Shutdown();
        }

        /// <summary>The supervisor's reboot is next: keeps what waits in the outbox.</summary>
        public void OnRebooting(long nowMs)
        {
            // A reboot takes seconds: no gap is added to the readings' age.
            _keeper.Save(nowMs, 0, _sleep != null ? _sleep.ReachedBroker : _wasOnline);
        }

        /// <summary>An inbound message: Home Assistant's birth, else a command.</summary>
        public void OnMessage(LinkEvent message)
        {
            long now = _ports.Clock.NowMs;
            if (_discovery != null && _discovery.TakeMessage(message, now))
            {
                return;
            }

            if (_sleep != null)
            {
                _sleep.NoteInbound(now);
            }

            _router.OnMessage(message);
        }

        /// <summary>Ends the session cleanly, then reboots (see ConnectionSupervisor.RequestReboot).</summary>
        public void RequestReboot(string reason)
        {
            _supervisor.RequestReboot(reason);
        }

        public void RequestDiag()
        {
            _diag.PublishDiagNow();
        }

        /// <summary>Sets a sensor's interval until reboot; returns why not, or null.</summary>
        public string SetInterval(string sensor, long intervalMs)
        {
            if (intervalMs > int.MaxValue)
            {
                return "interval must be 100..86400000 ms";
            }

            return _sensors.SetInterval(sensor, (int)intervalMs);
        }

        /// <summary>Sets a stream's QoS until reboot; returns why not, or null.</summary>
        public string SetQos(string stream, int qos)
        {
            return _sensors.SetStreamQos(stream, qos);
        }

        private void AddSensors()
        {
            if (_ports.SensorKinds != null && _ports.SensorKinds.Problem != null)
            {
                ReportProblem(ConfigErrorCode, _ports.SensorKinds.Problem);
            }

            for (int i = 0; i < _config.Sensors.Length; i++)
            {
                SensorConfig s = _config.Sensors[i];
                string problem;
                DigitalInputOptions inputOptions = s.InputOptions;
                if (inputOptions != null)
                {
                    IDigitalInput input = _ports.Hardware.OpenInput(s.Pin, s.PullUp, inputOptions.DebounceMs);
                    if (input == null)
                    {
                        ReportProblem(HardwareErrorCode, "sensor " + s.Name + ": GPIO " + s.Pin.ToString() + " could not be opened");
                        continue;
                    }

                    inputOptions.Qos = QosFor(inputOptions.Qos);
                    problem = _sensors.AddInput(input, inputOptions);
                    if (problem == null && _discovery != null)
                    {
                        _discovery.AddBinarySensor(s.Name);
                    }
                }
                else
                {
                    ISensorKind kind = _ports.SensorKinds == null ? null : _ports.SensorKinds.Find(s.Type);
                    if (kind == null)
                    {
                        ReportProblem(ConfigErrorCode, "sensor " + s.Name + ": unknown type '" + s.Type + "' (this firmware knows: "
                            + (_ports.SensorKinds == null ? "" : _ports.SensorKinds.Names()) + ")");
                        continue;
                    }

                    ISensor created = Create(kind, s);
                    if (created == null)
                    {
                        continue;
                    }

                    ISensor driver = created;
                    if (_sleep != null)
                    {
                        // The wake waits for each sensor's first sample before it sleeps.
                        var watched = new WatchedSensor(driver);
                        _sleep.AddTask(watched);
                        driver = watched;
                    }

                    SensorOptions options = s.Options;
                    options.Qos = QosFor(options.Qos);
                    problem = _sensors.Add(driver, options);
                    if (problem == null && _discovery != null)
                    {
                        AnnounceStreams(s.Name, created);
                    }
                }

                if (problem != null)
                {
                    ReportProblem(ConfigErrorCode, "sensor " + s.Name + ": " + problem);
                }
            }
        }

        /// <summary>The section's sensor, or null (reported) when its kind throws: a user's binding must not stop the boot.</summary>
        private ISensor Create(ISensorKind kind, SensorConfig s)
        {
            try
            {
                ISensor sensor = kind.Create(s, _ports.Hardware);
                if (sensor != null)
                {
                    return sensor;
                }
            }
            catch (System.Exception e)
            {
                ReportProblem(HardwareErrorCode, "sensor " + s.Name + ": " + e.Message);
                return null;
            }

            ReportProblem(HardwareErrorCode, "sensor " + s.Name + ": its type made no sensor");
            return null;
        }

        private void AddActuators(long now)
        {
            for (int i = 0; i < _config.Actuators.Length; i++)
            {
                ActuatorConfig a = _config.Actuators[i];
                // The config reader has run Validate on these options.
                ActuatorOptions options = a.Options;
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

                string problem = _actuators.Add(actuator, now);
                if (problem != null)
                {
                    ReportProblem(ConfigErrorCode, "actuator " + a.Name + ": " + problem);
                }
                else if (_discovery != null)
                {
                    _discovery.AddActuator(a.Name, options.Kind);
                }
            }
        }

        /// <summary>
        /// In sleep mode every reading goes through the outbox: it is taken before the connection is up, and
        /// QoS 0 would be skipped, not sent. So QoS 0 streams are raised to 1 there.
        /// </summary>
        private int QosFor(int configured)
        {
            return _config.SleepMode && configured == 0 ? 1 : configured;
        }

        private void AnnounceStreams(string sensor, ISensor driver)
        {
            int channels = driver.ChannelCount;
            var classes = driver as ISensorClasses;
            for (int c = 0; c < channels; c++)
            {
                _discovery.AddSensor(sensor, channels == 1, driver.ChannelName(c), driver.Unit(c), driver.Decimals(c),
                    classes == null ? null : classes.DeviceClass(c));
            }
        }

        /// <summary>
        /// What the device derives into the config's options: none of it is a key of nf.config. Once per
        /// config (it sets the cold boot's deploy window).
        /// </summary>
        private static void Complete(DeviceConfig c, bool coldBoot)
        {
            SupervisorOptions supervisor = c.Supervisor;
            supervisor.MaxInboundPacketBytes = c.Commands.MaxPayloadBytes + InboundPacketOverheadBytes;
            c.Diag.FirmwareVersion = FirmwareInfo.Version;
            SleepOptions sleep = c.Sleep;
            sleep.StayAwakeMs = coldBoot ? sleep.DeployWindowMs : 0;
            // Room for the supervisor to wait for the "sleeping" acknowledgement, plus one step.
            sleep.ShutdownReserveMs = supervisor.ShutdownTimeoutMs + supervisor.EventPollMs;
            DiscoveryOptions discovery = c.Discovery;
            discovery.Model = "NanoMqtt " + c.Target;
            discovery.SwVersion = FirmwareInfo.Version;
            if (c.SleepMode)
            {
                // One missed wake is tolerated; after two, the readings show as unavailable.
                discovery.ExpireAfterSeconds = (2 * sleep.IntervalMs + sleep.AwakeMaxMs) / 1000;
                discovery.OnlyWhenChanged = true;
            }
        }

        private static long Earliest(long a, long b)
        {
            return a < b ? a : b;
        }
    }
}
