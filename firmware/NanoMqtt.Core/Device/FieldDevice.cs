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
        public readonly ConnectionSupervisor Supervisor;
        private readonly ErrorReporter _errors;
        public readonly SensorSchedule Sensors;
        public readonly ActuatorBank Actuators;
        public readonly CommandRouter Commands;
        public readonly DiagPublisher Diagnostics;
        private readonly SleepCycle _sleep;
        private readonly OutboxKeeper _keeper;
        /// <summary>Home Assistant discovery; null when off (and nothing announced earlier is left to retract).</summary>
        public readonly DiscoveryPublisher Discovery;
        /// <summary>The low-heap reboot ([watchdog] heap_floor) and the lowest free heap since boot.</summary>
        public readonly HeapGuard Heap;
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
            Supervisor = new ConnectionSupervisor(
                config.Supervisor, ports.Mqtt, ports.Network, ports.Clock, ports.Jitter,
                new RebootKeeper(ports.Settings, ports.Platform), _topics, filters, filterQos);
            if (config.SleepMode && ports.Sleep != null)
            {
                // Before anything publishes: the readings kept from the last wake go first, in their order.
                _sleep = new SleepCycle(config.Sleep, Supervisor, ports.Sleep, ports.Settings, ports.Clock);
                _keeper = _sleep.Keeper;
            }
            else
            {
                // Always on: what the watchdog's (or a command's) reboot left unsent goes first, as after a sleep.
                _keeper = new OutboxKeeper(Supervisor.Outbox, ports.Settings, _topics, OutboxKeeper.DefaultMaxMessages, OutboxKeeper.DefaultMaxBytes);
                _keeper.Restore(ports.Clock.NowMs);
            }

            Supervisor.Reboots.Observer = this;

            _errors = new ErrorReporter(Supervisor, _topics, ports.Clock);
            if (config.SleepMode && _sleep == null)
            {
                ReportProblem(ConfigErrorCode, "mode = sleep, but no deep sleep here: staying awake");
            }

            // Also when discovery is off but an earlier boot announced entities: they are retracted.
            if (discovery.Enabled || ports.Settings.Read(DiscoveryPublisher.StoreKey) != null)
            {
                Discovery = new DiscoveryPublisher(discovery, Supervisor, ports.Settings, ports.Jitter, ports.Clock);
                if (_sleep != null)
                {
                    _sleep.AddTask(Discovery);
                }
            }

            long now = ports.Clock.NowMs;
            Actuators = new ActuatorBank(Supervisor, _topics);
            AddActuators(now);

            Sensors = new SensorSchedule(Supervisor, _topics, ports.Clock, _errors);
            AddSensors();

            Commands = new CommandRouter(_topics, Supervisor, ports.Clock, Actuators, ports.Settings, config.Commands);
            Commands.Device.Actions = this;
            Commands.Device.RuntimeSettings = this;
            Supervisor.MessageSink = this;

            Diagnostics = new DiagPublisher(config.Diag, Supervisor, ports.Clock, ports.Platform, ports.Network);
            Diagnostics.AddContributor(Sensors);
            Diagnostics.AddContributor(Actuators);
            Diagnostics.AddContributor(Commands);
            Heap = new HeapGuard(config.HeapFloorBytes, ports.Platform, HeapGuard.DefaultCheckPeriodMs);
            Diagnostics.AddContributor(Heap);
            if (_sleep != null)
            {
                Diagnostics.AddContributor(_sleep);
            }
            else
            {
                Diagnostics.AddContributor(_keeper);
            }

            DeviceCommands.ApplyAtBoot(ports.Settings, this, Sensors.SensorNames(), Sensors.StreamNames());
        }

        public Topics Topics => _topics;

        public ConnectionState State => Supervisor.State;

        /// <summary>This wake's cycle in sleep mode; null when always on (or without a deep-sleep port).</summary>
        public SleepCycle SleepCycle => _sleep;

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
            HeapVerdict heap = Heap.Step(nowMs, out next);
            if (heap == HeapVerdict.Reboot)
            {
                Supervisor.RequestReboot(Heap.Reason);
            }
            else if (heap == HeapVerdict.FloorTooHigh)
            {
                ReportProblem(ConfigErrorCode, Heap.Reason);
            }

            // Sensors first, so that a fresh reading leaves in this very step; the supervisor then takes
            // link events (commands), and the fail-safe sees the session as it is now.
            next = Earliest(next, Sensors.Step(nowMs));
            next = Earliest(next, Supervisor.Step(nowMs));
            next = Earliest(next, Actuators.Step(nowMs, Supervisor.IsOnline));
            next = Earliest(next, Diagnostics.Step(nowMs));
            if (_sleep == null)
            {
                // Online, diag has reported what the last reboot lost; the sleep cycle runs its own record.
                _wasOnline = _wasOnline || Supervisor.IsOnline;
                _keeper.ReleaseDelivered(_wasOnline);
            }

            if (Discovery != null)
            {
                next = Earliest(next, Discovery.Step(nowMs));
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
            Supervisor.Shutdown();
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
            if (Discovery != null && Discovery.TakeMessage(message, now))
            {
                return;
            }

            if (_sleep != null)
            {
                _sleep.NoteInbound(now);
            }

            Commands.OnMessage(message);
        }

        /// <summary>Ends the session cleanly, then reboots (see ConnectionSupervisor.RequestReboot).</summary>
        public void RequestReboot(string reason)
        {
            Supervisor.RequestReboot(reason);
        }

        public void RequestDiag()
        {
            Diagnostics.PublishDiagNow();
        }

        /// <summary>Sets a sensor's interval until reboot; returns why not, or null.</summary>
        public string SetInterval(string sensor, long intervalMs)
        {
            if (intervalMs > int.MaxValue)
            {
                return "interval must be 100..86400000 ms";
            }

            return Sensors.SetInterval(sensor, (int)intervalMs);
        }

        /// <summary>Sets a stream's QoS until reboot; returns why not, or null.</summary>
        public string SetQos(string stream, int qos)
        {
            return Sensors.SetStreamQos(stream, qos);
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
                    problem = Sensors.AddInput(input, inputOptions);
                    if (problem == null && Discovery != null)
                    {
                        Discovery.AddBinarySensor(s.Name);
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
                    problem = Sensors.Add(driver, options);
                    if (problem == null && Discovery != null)
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

                string problem = Actuators.Add(actuator, now);
                if (problem != null)
                {
                    ReportProblem(ConfigErrorCode, "actuator " + a.Name + ": " + problem);
                }
                else if (Discovery != null)
                {
                    Discovery.AddActuator(a.Name, options.Kind);
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
                Discovery.AddSensor(sensor, channels == 1, driver.ChannelName(c), driver.Unit(c), driver.Decimals(c),
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
