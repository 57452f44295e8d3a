using System.Collections;
using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.HomeAssistant;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Power;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Core.Config
{
    /// <summary>
    /// nf.config and nf.secrets, parsed and checked, as one nested model (as esp-mqtt's client config): the
    /// options objects that the parts of the device take as they are (<see cref="Supervisor"/>,
    /// <see cref="Sleep"/>, <see cref="Discovery"/>...), plus what only the shell needs (board, Wi-Fi, pins).
    /// Every default is the options class's own, so a config needs only what differs: a device id, the
    /// Wi-Fi name and a broker. The reader checks each key's syntax and its bounds for a field device; the
    /// rules of an options class are its Validate, which the reader reports with the file and line.
    /// </summary>
    public sealed class DeviceConfig
    {
        public const int MaxSensors = 16;
        public const int MaxActuators = 16;

        /// <summary>[power] mode: stay connected (mains power).</summary>
        public const string AlwaysOn = "always-on";

        /// <summary>[power] mode: one wake per [sleep] interval, deep sleep in between (battery).</summary>
        public const string SleepPower = "sleep";

        /// <summary>[mqtt] brokers when the key is absent.</summary>
        public const string DefaultBroker = "127.0.0.1:1883";

        // [board]
        public string Target = "ESP32_REV3";
        public string SerialPort;

        /// <summary>GPIO of the status LED; -1 picks the board target's usual pin (or none).</summary>
        public int StatusLedPin = -1;

        // [device]
        public string DeviceId;
        public string Prefix = Topics.DefaultPrefix;

        // [wifi] (+ password from nf.secrets)
        public string WifiSsid;
        public string WifiPassword;
        public long WifiRejoinAfterMs = Platform.WifiJoinPolicy.DefaultRejoinAfterMs;

        /// <summary>
        /// [mqtt] (+ user and password from nf.secrets), [watchdog] offline_reboot, and through it
        /// <see cref="Backoff"/> and <see cref="Outbox"/>.
        /// </summary>
        public readonly SupervisorOptions Supervisor = new SupervisorOptions();

        // [watchdog] (offline_reboot is Supervisor.WatchdogMs)

        /// <summary>A main loop that has not stepped for this long reboots the device; 0 turns it off.</summary>
        public long LoopStallMs = 180000;

        /// <summary>Free managed heap (bytes, after a collection) below which the device reboots; 0 turns it off.</summary>
        public int HeapFloorBytes = 8192;

        // [time]: null keeps the firmware's SNTP servers (0.pool.ntp.org and 1.pool.ntp.org).
        public string[] SntpServers;

        /// <summary>[diag]</summary>
        public readonly DiagOptions Diag = new DiagOptions();

        /// <summary>[commands]</summary>
        public readonly CommandRouterOptions Commands = new CommandRouterOptions();

        // [i2c]
        public int I2cSda = 21;
        public int I2cScl = 22;

        /// <summary>[power] mode = sleep (else always-on).</summary>
        public bool SleepMode;

        /// <summary>[sleep]: only used in sleep mode, but checked in either.</summary>
        public readonly SleepOptions Sleep = new SleepOptions();

        /// <summary>[homeassistant]</summary>
        public readonly DiscoveryOptions Discovery = new DiscoveryOptions();

        // Set by Parse, empty when there are none.
        public SensorConfig[] Sensors;
        public ActuatorOptions[] Actuators;

        /// <summary>
        /// Parses nf.config and, when given, nf.secrets. Returns null and an error that names the file and
        /// line when anything is malformed, out of range, unknown or missing. Never throws.
        /// </summary>
        public static DeviceConfig Parse(string configText, string secretsText, out string error)
        {
            var config = new DeviceConfig();
            ConfigDocument doc = ConfigDocument.Parse(configText, out error);
            if (doc != null)
            {
                error = config.Read(doc, false);
            }

            if (error != null)
            {
                error = "nf.config " + error;
                return null;
            }

            ConfigDocument secrets = ConfigDocument.Parse(secretsText, out error);
            if (secrets != null)
            {
                error = config.Read(secrets, true);
            }

            if (error != null)
            {
                error = "nf.secrets " + error;
                return null;
            }

            return config;
        }

        /// <summary>Reads nf.config, or nf.secrets when secrets is set: null, or the first error.</summary>
        private string Read(ConfigDocument doc, bool secrets)
        {
            // ReadSection reads a section of nf.secrets when it is given no list of sensors.
            ArrayList sensors = secrets ? null : new ArrayList();
            var actuators = new ArrayList();
            for (int i = 0; i < doc.Sections.Count; i++)
            {
                string error = ReadSection((ConfigSection)doc.Sections[i], sensors, actuators);
                if (error != null)
                {
                    return error;
                }
            }

            if (secrets)
            {
                return null;
            }

            if (DeviceId == null)
            {
                return "[device] needs 'id', e.g. id = greenhouse1";
            }

            string problem = Topics.CheckSegment(DeviceId, "device id");
            if (problem == null)
            {
                problem = Topics.CheckSegment(Prefix, "prefix");
            }

            if (problem != null)
            {
                return ConfigDocument.At(doc.Section("device").Line, problem);
            }

            if (Supervisor.Endpoints.Length == 0)
            {
                // No [mqtt] section.
                Supervisor.Endpoints = Brokers(DefaultBroker, false);
            }

            if (Supervisor.ClientId == null)
            {
                Supervisor.ClientId = DeviceId;
            }

            // Commands sent to a sleeping device wait in its broker session; an MQTT 5 session that expires
            // during the sleep takes them with it.
            if (SleepMode && Supervisor.ProtocolVersion == 5 && Supervisor.SessionExpirySeconds * 1000L <= Sleep.IntervalMs + Sleep.AwakeMaxMs)
            {
                ConfigSection mqtt = doc.Section("mqtt");
                return ConfigDocument.At(mqtt != null ? mqtt.Line : doc.Section("power").Line,
                    "session_expiry must be longer than the sleep interval (" + Duration.Format(Sleep.IntervalMs) + ")");
            }

            Sensors = (SensorConfig[])sensors.ToArray(typeof(SensorConfig));
            Actuators = (ActuatorOptions[])actuators.ToArray(typeof(ActuatorOptions));
            return null;
        }

        /// <summary>One section of nf.config, or of nf.secrets when sensors is null.</summary>
        private string ReadSection(ConfigSection section, ArrayList sensors, ArrayList actuators)
        {
            var r = new SectionReader(section);
            string name = section.Name;
            if (sensors == null)
            {
                if (name == "wifi")
                {
                    WifiPassword = r.Text("password", null);
                }
                else if (name == "mqtt")
                {
                    Supervisor.Password = r.Text("password", null);
                    Supervisor.Username = r.Text("user", Supervisor.Username);
                }
                else
                {
                    return ConfigDocument.At(section.Line, "unknown section [" + name + "]; nf.secrets holds [wifi] and [mqtt]");
                }
            }
            else if (name == "board")
            {
                Target = r.Text("target", Target);
                SerialPort = r.Text("serial_port", SerialPort);
                StatusLedPin = r.Int("status_led", StatusLedPin, -1, 48);
            }
            else if (name == "device")
            {
                DeviceId = r.Text("id", null);
                Prefix = r.Text("prefix", Prefix);
            }
            else if (name == "wifi")
            {
                WifiSsid = r.Text("ssid", null);
                WifiRejoinAfterMs = r.Milliseconds("rejoin_after", WifiRejoinAfterMs, 0, 86400000);
            }
            else if (name == "mqtt")
            {
                ReadMqtt(r);
            }
            else if (name == "backoff")
            {
                BackoffOptions b = Supervisor.Backoff;
                b.BaseMs = (int)r.Milliseconds("base", b.BaseMs, 100, 3600000);
                b.CapMs = (int)r.Milliseconds("cap", b.CapMs, 100, 86400000);
                b.Multiplier = r.Int("multiplier", b.Multiplier, 1, 10);
                b.ResetAfterStableMs = (int)r.Milliseconds("stable", b.ResetAfterStableMs, 0, 86400000);
                b.SessionLossSpreadMs = (int)r.Milliseconds("session_loss_spread", b.SessionLossSpreadMs, 0, 3600000);
                r.Check(b.Validate());
            }
            else if (name == "watchdog")
            {
                long offline = r.Milliseconds("offline_reboot", Supervisor.WatchdogMs, 0, 7 * 86400000L);
                if (offline > 0 && offline < 60000)
                {
                    r.Invalid("offline_reboot", "0 (off) or at least 1m");
                }

                Supervisor.WatchdogMs = offline;

                // The loop sleeps up to a minute between steps when nothing is due.
                LoopStallMs = r.Milliseconds("loop_stall", LoopStallMs, 0, 3600000);
                if (LoopStallMs > 0 && LoopStallMs < 90000)
                {
                    r.Invalid("loop_stall", "0 (off) or at least 90s");
                }

                HeapFloorBytes = r.Int("heap_floor", HeapFloorBytes, 0, 1048576);
            }
            else if (name == "outbox")
            {
                OutboxOptions o = Supervisor.Outbox;
                o.MaxMessages = r.Int("max_messages", o.MaxMessages, 1, 10000);
                o.MaxBytes = r.Int("max_bytes", o.MaxBytes, 1, 1048576);
                o.ExpiryMs = r.Milliseconds("expiry", o.ExpiryMs, 0, 7 * 86400000L);
            }
            else if (name == "diag")
            {
                Diag.IntervalMs = r.Milliseconds("interval", Diag.IntervalMs, 0, 86400000);
            }
            else if (name == "commands")
            {
                Commands.MaxPayloadBytes = r.Int("max_payload", Commands.MaxPayloadBytes, 16, 65536);
            }
            else if (name == "i2c")
            {
                I2cSda = r.Int("sda", I2cSda, 0, 48);
                I2cScl = r.Int("scl", I2cScl, 0, 48);
            }
            else if (name == "power")
            {
                string mode = r.Text("mode", AlwaysOn).ToLower();
                SleepMode = mode == SleepPower;
                if (!SleepMode && mode != AlwaysOn)
                {
                    r.Invalid("mode", "always-on or sleep");
                }
            }
            else if (name == "sleep")
            {
                Sleep.IntervalMs = r.Milliseconds("interval", Sleep.IntervalMs, 10000, 86400000);
                Sleep.AwakeMaxMs = r.Milliseconds("awake_max", Sleep.AwakeMaxMs, 5000, 600000);
                r.Check(Sleep.Validate());
                Sleep.DeployWindowMs = r.Milliseconds("deploy_window", Sleep.DeployWindowMs, 0, 600000);
            }
            else if (name == "time")
            {
                string servers = r.Text("sntp", null);
                if (servers != null)
                {
                    string[] hosts = servers.Split(',');
                    for (int i = 0; i < hosts.Length; i++)
                    {
                        string host = hosts[i].Trim();
                        hosts[i] = host;
                        if (host.Length == 0 || host.IndexOf(' ') >= 0 || hosts.Length > 2)
                        {
                            r.Invalid("sntp", "one or two hosts, comma-separated");
                            break;
                        }
                    }

                    SntpServers = hosts;
                }
            }
            else if (name == "homeassistant")
            {
                Discovery.Enabled = r.Bool("discovery", Discovery.Enabled);
                Discovery.Prefix = r.Text("prefix", Discovery.Prefix);
                r.Check(Discovery.Validate());
            }
            else if (name.StartsWith("sensor."))
            {
                if (sensors.Count == MaxSensors)
                {
                    return ConfigDocument.At(section.Line, "more than " + MaxSensors.ToString() + " sensors");
                }

                sensors.Add(ReadSensor(r));
            }
            else if (name.StartsWith("actuator."))
            {
                if (actuators.Count == MaxActuators)
                {
                    return ConfigDocument.At(section.Line, "more than " + MaxActuators.ToString() + " actuators");
                }

                actuators.Add(ReadActuator(r));
            }
            else
            {
                return ConfigDocument.At(section.Line, "unknown section [" + name + "]");
            }

            r.RejectUnknownKeys();
            return r.Error;
        }

        private void ReadMqtt(SectionReader r)
        {
            SupervisorOptions o = Supervisor;
            BrokerEndpoint[] endpoints = Brokers(r.Text("brokers", DefaultBroker), r.Bool("tls", false));
            if (endpoints == null)
            {
                r.Invalid("brokers", "host:port, host:port... with ports 1..65535");
            }
            else
            {
                o.Endpoints = endpoints;
            }

            o.FailoverAfterFailures = r.Int("failover_after", o.FailoverAfterFailures, 1, 100);
            // 3 (MQTT 3.1.1) unless the key says 5.
            string protocol = r.Text("protocol", null);
            if (protocol == "5" || protocol == "5.0")
            {
                o.ProtocolVersion = 5;
            }
            else if (protocol != null && protocol != "3.1.1" && protocol != "3")
            {
                r.Invalid("protocol", "3.1.1 or 5");
            }

            o.Username = r.Text("user", null);
            o.ClientId = r.Text("client_id", null);
            o.KeepAliveSeconds = (int)(r.Milliseconds("keepalive", o.KeepAliveSeconds * 1000L, 1000, 65535000) / 1000);
            o.SessionExpirySeconds = (int)(r.Milliseconds("session_expiry", o.SessionExpirySeconds * 1000L, 0, 4294967L * 1000) / 1000);
            o.ConnectTimeoutMs = (int)r.Milliseconds("connect_timeout", o.ConnectTimeoutMs, 1000, 120000);
        }

        /// <summary>
        /// The endpoints of "host[:port][, host[:port]...]", port 1883 by default and IPv6 literals in brackets
        /// ("[::1]:1883"), each with TLS or not; null when one is malformed.
        /// </summary>
        private static BrokerEndpoint[] Brokers(string text, bool tls)
        {
            string[] parts = text.Split(',');
            var endpoints = new BrokerEndpoint[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                string host = parts[i].Trim();
                long port = 1883;
                int colon = host.LastIndexOf(':');
                if (colon > 0 && colon > host.LastIndexOf(']'))
                {
                    if (!SectionReader.TryParseInteger(host.Substring(colon + 1), out port) || port < 1 || port > 65535)
                    {
                        return null;
                    }

                    host = host.Substring(0, colon);
                }

                if (host.Length > 1 && host.IndexOf('[') == 0 && host.LastIndexOf(']') == host.Length - 1)
                {
                    host = host.Substring(1, host.Length - 2);
                }

                if (colon == 0 || host.Length == 0 || host.IndexOf(' ') >= 0)
                {
                    return null;
                }

                endpoints[i] = new BrokerEndpoint(host, (int)port, tls);
            }

            return endpoints;
        }

        private static SensorConfig ReadSensor(SectionReader r)
        {
            var s = new SensorConfig();
            s.Name = r.Name("sensor");
            SensorOptions o = new SensorOptions(s.Name);
            s.Options = o;

            // Any name: the device's registered sensor kinds say which exist, and it reports an unknown one.
            s.Type = r.Text("type", null);
            if (s.Type == null || Topics.CheckSegment(s.Type, "type") != null)
            {
                r.Invalid("type", "input or a sensor type, e.g. bme280");
            }

            // An input's GPIO, or a bus pin of the sensor's own (a 1-Wire data pin); our I2C drivers take none.
            s.Pin = r.Int("pin", -1, 0, 48);
            DigitalInputOptions input = null;
            if (s.Type == SensorConfig.Input)
            {
                input = new DigitalInputOptions(o.Name);
                s.InputOptions = input;
                if (s.Pin < 0)
                {
                    r.Invalid("pin", "its GPIO number");
                }

                s.PullUp = r.Bool("pull_up", s.PullUp);
                input.ActiveLow = s.PullUp;
                input.DebounceMs = (int)r.Milliseconds("debounce", input.DebounceMs, 0, 10000);
            }
            else
            {
                s.Address = r.Int("address", 0, 0x03, 0x77);
            }

            o.IntervalMs = (int)r.Milliseconds("interval", o.IntervalMs, 100, 86400000);
            o.Qos = r.Int("qos", o.Qos, 0, 2);
            o.Retain = r.Bool("retain", o.Retain);
            o.Deadband = r.Number("deadband", o.Deadband, 0, 1000000);
            o.HeartbeatIntervals = r.Int("heartbeat", o.HeartbeatIntervals, 1, 10000);
            o.MedianWindow = r.Int("median", o.MedianWindow, 1, 15);
            if (input != null)
            {
                input.Qos = o.Qos;
                input.Retain = o.Retain;
            }

            return s;
        }

        private static ActuatorOptions ReadActuator(SectionReader r)
        {
            var o = new ActuatorOptions();
            o.Name = r.Name("actuator");

            // Kind is a relay unless the type says otherwise.
            string type = r.Text("type", null);
            if (type == "pwm")
            {
                o.Kind = ActuatorKind.Pwm;
            }
            else if (type == "led")
            {
                o.Kind = ActuatorKind.Led;
            }
            else if (type != "relay")
            {
                r.Invalid("type", "relay, led or pwm");
            }

            o.Pin = r.Int("pin", -1, 0, 48);
            if (o.Pin < 0)
            {
                r.Invalid("pin", "its GPIO number");
            }

            o.Inverted = r.Bool("inverted", o.Inverted);
            string safe = r.Text("safe", null);
            if (safe != null)
            {
                // A PWM output is off or at a duty; a relay or LED on or off.
                ActuatorVerb verb;
                int duty;
                bool pwm = o.Kind == ActuatorKind.Pwm;
                if (ActuatorValue.TryParse(safe, out verb, out duty)
                    && (verb == ActuatorVerb.Off || (pwm ? verb == ActuatorVerb.Duty : verb == ActuatorVerb.On)))
                {
                    o.SafeDuty = verb == ActuatorVerb.On ? 10000 : duty;
                }
                else
                {
                    r.Invalid("safe", pwm ? "off or a duty from 0 to 100" : "on or off");
                }
            }

            o.FailSafeAfterMs = r.Milliseconds("safe_after", o.FailSafeAfterMs, 0, 7 * 86400000L);
            o.MaxChanges = r.Int("max_changes_per_minute", o.MaxChanges, 0, 6000);
            o.FrequencyHz = r.Int("frequency", o.FrequencyHz, 1, 40000000);
            r.Check(o.Validate());
            return o;
        }
    }
}
