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
        /// <summary>Reported in diag as "fw" and to Home Assistant as "sw". Keep in step with Properties/AssemblyInfo.cs.</summary>
        public const string FirmwareVersion = "0.1.0";

        public const string ConfigErrorCode = "config_error";
        public const string HardwareErrorCode = "hardware_error";

        /// <summary>
        /// Room in an inbound packet beside a command's payload: the fixed header, the topic and MQTT 5
        /// properties (response topic, correlation data). The packet limit is [commands] max_payload plus this.
        /// </summary>
        public const int InboundPacketOverheadBytes = 1024;

        private readonly DeviceConfig _config;
        private readonly DevicePorts _ports;
        public readonly ConnectionSupervisor Supervisor;
        private readonly ErrorReporter _errors;
        public readonly SensorSchedule Sensors;
        public readonly ActuatorBank Actuators;
        public readonly CommandRouter Commands;
        public readonly DiagPublisher Diagnostics;
        /// <summary>This wake's cycle in sleep mode; null when always on (or without the sleep library).</summary>
        public readonly IWakeCycle Wake;
        /// <summary>What keeps the outbox through a reboot when always on (the wake cycle has its own).</summary>
        private readonly OutboxKeeper _keeper;
        /// <summary>Home Assistant discovery; null when off (and nothing announced earlier is left to retract), or without the library.</summary>
        public readonly IDiscovery Discovery;
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
            var topics = new Topics(config.Prefix, config.DeviceId);
            Complete(config, ports.ColdBoot);
            DiscoveryOptions discovery = config.Discovery;
            IHomeAssistant homeAssistant = ports.HomeAssistant;
            bool announce = discovery.Enabled && homeAssistant != null;
            // Home Assistant's birth topic too when discovery is on: its "online" asks for the configs again.
            string[] filters = announce
                ? new string[] { topics.CommandFilter, discovery.Prefix + "/status" }
                : new string[] { topics.CommandFilter };
            int[] filterQos = announce ? new int[] { 1, 1 } : new int[] { 1 };
            Supervisor = new ConnectionSupervisor(
                config.Supervisor, ports.Mqtt, ports.Network, ports.Clock, ports.Jitter,
                new RebootKeeper(ports.Settings, ports.Platform), topics, filters, filterQos);
            if (config.SleepMode && ports.Sleep != null)
            {
                // Before anything publishes: the readings kept from the last wake go first, in their order.
                Wake = ports.Sleep.StartWake(config.Sleep, Supervisor, ports.Settings, ports.Clock);
                Supervisor.Reboots.Observer = Wake;
            }
            else
            {
                // Always on: what the watchdog's (or a command's) reboot left unsent goes first, as after a sleep.
                _keeper = new OutboxKeeper(Supervisor.Outbox, ports.Settings, topics, OutboxKeeper.DefaultMaxMessages, OutboxKeeper.DefaultMaxBytes);
                _keeper.Restore(ports.Clock.NowMs);
                Supervisor.Reboots.Observer = this;
            }

            _errors = new ErrorReporter(Supervisor, topics, ports.Clock);
            if (config.SleepMode && Wake == null)
            {
                ReportProblem(ConfigErrorCode, "mode = sleep, but this build has no NanoMqtt.Sleep: staying awake");
            }

            // Discovery runs when it is on, and also when it is off but an earlier boot announced entities (the
            // store holds DiscoveryOptions.StoreKey): they are retracted.
            if (homeAssistant != null && (discovery.Enabled || ports.Settings.Read(DiscoveryOptions.StoreKey) != null))
            {
                Discovery = homeAssistant.Start(discovery, Supervisor, ports.Settings, ports.Jitter);
                if (Wake != null)
                {
                    Wake.WaitFor(Discovery);
                }
            }
            else if (discovery.Enabled)
            {
                ReportProblem(ConfigErrorCode, "discovery = true, but this build has no NanoMqtt.HomeAssistant: not announced");
            }

            long now = ports.Clock.NowMs;
            Actuators = new ActuatorBank(Supervisor, topics);
            AddActuators(now);

            Sensors = new SensorSchedule(Supervisor, topics, ports.Clock, _errors, null);
            AddSensors();

            Commands = new CommandRouter(topics, Supervisor, ports.Clock, Actuators, ports.Settings, config.Commands);
            Commands.Device.Actions = this;
            Commands.Device.RuntimeSettings = this;
            Supervisor.MessageSink = this;

            Diagnostics = new DiagPublisher(config.Diag, Supervisor, ports.Clock, ports.Platform, ports.Network);
            Diagnostics.AddContributor(Sensors);
            Diagnostics.AddContributor(Actuators);
            Diagnostics.AddContributor(Commands);
            Heap = new HeapGuard(config.HeapFloorBytes, ports.Platform, HeapGuard.DefaultCheckPeriodMs);
            Diagnostics.AddContributor(Heap);
            if (Wake != null)
            {
                Diagnostics.AddContributor(Wake);
            }
            else
            {
                Diagnostics.AddContributor(_keeper);
            }

            DeviceCommands.ApplyAtBoot(ports.Settings, this, Sensors.SensorNames(), Sensors.StreamNames());
        }

        /// <summary>True once the wake ended and deep sleep was requested: Step does nothing more.</summary>
        public bool IsAsleep => Wake != null && Wake.IsAsleep;

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
            if (Wake == null)
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
            if (Wake != null)
            {
                next = Earliest(next, Wake.Step(nowMs));
                if (Wake.IsAsleep)
                {
                    return long.MaxValue;
                }
            }

            return next < nowMs ? nowMs : next;
        }

        /// <summary>The supervisor's reboot is next (always on; a wake cycle observes its own): keeps what waits in the outbox.</summary>
        public void OnRebooting(long nowMs)
        {
            // A reboot takes seconds: no gap is added to the readings' age.
            _keeper.Save(nowMs, 0, _wasOnline);
        }

        /// <summary>An inbound message: Home Assistant's birth, else a command.</summary>
        public void OnMessage(LinkEvent message)
        {
            long now = _ports.Clock.NowMs;
            if (Discovery != null && Discovery.TakeMessage(message, now))
            {
                return;
            }

            if (Wake != null)
            {
                Wake.NoteInbound(now);
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

                    // A kind that throws or makes nothing is reported: a user's binding must not stop the boot.
                    ISensor created;
                    try
                    {
                        created = kind.Create(s, _ports.Hardware);
                    }
                    catch (System.Exception e)
                    {
                        ReportProblem(HardwareErrorCode, "sensor " + s.Name + ": " + e.Message);
                        continue;
                    }

                    if (created == null)
                    {
                        ReportProblem(HardwareErrorCode, "sensor " + s.Name + ": its type made no sensor");
                        continue;
                    }

                    // In sleep mode the wake waits for each sensor's first sample before it sleeps.
                    ISensor driver = Wake == null ? created : Wake.Watch(created);

                    SensorOptions options = s.Options;
                    options.Qos = QosFor(options.Qos);
                    problem = Sensors.Add(driver, options);
                    if (problem == null && Discovery != null)
                    {
                        Discovery.AddSensor(s.Name, created);
                    }
                }

                if (problem != null)
                {
                    ReportProblem(ConfigErrorCode, "sensor " + s.Name + ": " + problem);
                }
            }
        }

        private void AddActuators(long now)
        {
            for (int i = 0; i < _config.Actuators.Length; i++)
            {
                // The config reader has run Validate on these options.
                ActuatorOptions a = _config.Actuators[i];
                Actuator actuator;
                if (a.Kind == ActuatorKind.Pwm)
                {
                    IPwmOutput pwm = _ports.Hardware.OpenPwm(a.Pin, a.FrequencyHz);
                    actuator = pwm == null ? null : new Actuator(a, pwm);
                }
                else
                {
                    IDigitalOutput output = _ports.Hardware.OpenOutput(a.Pin);
                    actuator = output == null ? null : new Actuator(a, output);
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
                    Discovery.AddActuator(a.Name, a.Kind);
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

        /// <summary>
        /// What the device derives into the config's options: none of it is a key of nf.config. Once per
        /// config (it sets the cold boot's deploy window).
        /// </summary>
        private static void Complete(DeviceConfig c, bool coldBoot)
        {
            SupervisorOptions supervisor = c.Supervisor;
            supervisor.MaxInboundPacketBytes = c.Commands.MaxPayloadBytes + InboundPacketOverheadBytes;
            SleepOptions sleep = c.Sleep;
            sleep.StayAwakeMs = coldBoot ? sleep.DeployWindowMs : 0;
            DiscoveryOptions discovery = c.Discovery;
            discovery.Model = "NanoMqtt " + c.Target;
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
