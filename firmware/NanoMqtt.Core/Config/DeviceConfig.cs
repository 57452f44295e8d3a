using System.Collections;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Config
{
    /// <summary>
    /// nf.config and nf.secrets, parsed and checked. Every field has the default a user would expect, so a
    /// config needs only what differs: a device id, the Wi-Fi name and a broker.
    /// </summary>
    public sealed class DeviceConfig
    {
        public const int MaxSensors = 16;
        public const int MaxActuators = 16;

        /// <summary>[power] mode: stay connected (mains power).</summary>
        public const string AlwaysOn = "always-on";

        /// <summary>[power] mode: one wake per [sleep] interval, deep sleep in between (battery).</summary>
        public const string Sleep = "sleep";

        /// <summary>Home Assistant's default discovery prefix (and the prefix of its birth topic, {prefix}/status).</summary>
        public const string DefaultDiscoveryPrefix = "homeassistant";

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

        // [mqtt] (+ password from nf.secrets)
        public string[] BrokerHosts = new string[] { "127.0.0.1" };
        public int[] BrokerPorts = new int[] { 1883 };
        public int FailoverAfter = 3;
        public int ProtocolVersion = 3;
        public bool Tls;
        public string User;
        public string Password;
        public string ClientId;
        public int KeepAliveSeconds = 30;
        public int SessionExpirySeconds = 3600;
        public long ConnectTimeoutMs = 10000;

        // [backoff]
        public long BackoffBaseMs = 1000;
        public long BackoffCapMs = 60000;
        public int BackoffMultiplier = 2;
        public long BackoffStableMs = 60000;
        public long BackoffSessionLossSpreadMs = 15000;

        // [watchdog]
        public long OfflineRebootMs = 900000;

        /// <summary>A main loop that has not stepped for this long reboots the device; 0 turns it off.</summary>
        public long LoopStallMs = 180000;

        /// <summary>Free managed heap (bytes, after a collection) below which the device reboots; 0 turns it off.</summary>
        public int HeapFloorBytes = 8192;

        // [time]: null keeps the firmware's SNTP servers (0.pool.ntp.org and 1.pool.ntp.org).
        public string[] SntpServers;

        // [outbox] (the defaults are OutboxOptions', which says why)
        public int OutboxMaxMessages = OutboxOptions.DefaultMaxMessages;
        public int OutboxMaxBytes = OutboxOptions.DefaultMaxBytes;
        public long OutboxExpiryMs;

        // [diag]
        public long DiagIntervalMs = 60000;

        // [commands]
        public int MaxCommandPayload = 256;

        // [i2c]
        public int I2cSda = 21;
        public int I2cScl = 22;

        // [power]
        public string PowerMode = AlwaysOn;

        // [sleep]: only read in sleep mode, but checked in either.
        public long SleepIntervalMs = 600000;
        public long SleepAwakeMaxMs = 30000;

        /// <summary>After a power-on or reset (not a timer wake), stay awake this long so a deploy can reach the board.</summary>
        public long SleepDeployWindowMs = 60000;

        // [homeassistant]
        public bool DiscoveryEnabled;
        public string DiscoveryPrefix = DefaultDiscoveryPrefix;

        /// <summary>True when [power] mode = sleep.</summary>
        public bool SleepMode
        {
            get { return PowerMode == Sleep; }
        }

        public SensorConfig[] Sensors = new SensorConfig[0];
        public ActuatorConfig[] Actuators = new ActuatorConfig[0];

        /// <summary>
        /// Parses nf.config and, when given, nf.secrets. Returns null and an error that names the file and
        /// line when anything is malformed, out of range, unknown or missing. Never throws.
        /// </summary>
        public static DeviceConfig Parse(string configText, string secretsText, out string error)
        {
            ConfigDocument doc = ConfigDocument.Parse(configText, out error);
            if (doc == null)
            {
                error = "nf.config " + error;
                return null;
            }

            ConfigDocument secrets = ConfigDocument.Parse(secretsText, out error);
            if (secrets == null)
            {
                error = "nf.secrets " + error;
                return null;
            }

            var config = new DeviceConfig();
            error = config.Read(doc);
            if (error != null)
            {
                error = "nf.config " + error;
                return null;
            }

            error = config.ReadSecrets(secrets);
            if (error != null)
            {
                error = "nf.secrets " + error;
                return null;
            }

            return config;
        }

        private string Read(ConfigDocument doc)
        {
            var sensors = new ArrayList();
            var actuators = new ArrayList();
            for (int i = 0; i < doc.SectionCount; i++)
            {
                ConfigSection section = doc.SectionAt(i);
                string error = ReadSection(section, sensors, actuators);
                if (error != null)
                {
                    return error;
                }
            }

            if (DeviceId == null)
            {
                return "[device] needs 'id': the device's name in its topics, e.g. id = greenhouse1";
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

            if (ClientId == null)
            {
                ClientId = DeviceId;
            }

            // Commands sent to a sleeping device wait in its broker session; an MQTT 5 session that expires
            // during the sleep takes them with it.
            if (SleepMode && ProtocolVersion == 5 && SessionExpirySeconds * 1000L <= SleepIntervalMs + SleepAwakeMaxMs)
            {
                ConfigSection mqtt = doc.Section("mqtt");
                return ConfigDocument.At(mqtt != null ? mqtt.Line : doc.Section("power").Line,
                    "session_expiry must be longer than the sleep interval (" + Duration.Format(SleepIntervalMs)
                    + "), or commands sent while the device sleeps are lost");
            }

            Sensors = (SensorConfig[])sensors.ToArray(typeof(SensorConfig));
            Actuators = (ActuatorConfig[])actuators.ToArray(typeof(ActuatorConfig));
            return null;
        }

        private string ReadSection(ConfigSection section, ArrayList sensors, ArrayList actuators)
        {
            var r = new SectionReader(section, section.Name);
            string name = section.Name;
            if (name == "board")
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
                if (r.Has("password"))
                {
                    r.Invalid("password", "nothing: passwords belong in nf.secrets, which is never committed");
                }
            }
            else if (name == "mqtt")
            {
                ReadMqtt(r);
            }
            else if (name == "backoff")
            {
                BackoffBaseMs = r.Milliseconds("base", BackoffBaseMs, 100, 3600000);
                BackoffCapMs = r.Milliseconds("cap", BackoffCapMs, BackoffBaseMs, 86400000);
                BackoffMultiplier = r.Int("multiplier", BackoffMultiplier, 1, 10);
                BackoffStableMs = r.Milliseconds("stable", BackoffStableMs, 0, 86400000);
                BackoffSessionLossSpreadMs = r.Milliseconds("session_loss_spread", BackoffSessionLossSpreadMs, 0, 3600000);
            }
            else if (name == "watchdog")
            {
                OfflineRebootMs = r.Milliseconds("offline_reboot", OfflineRebootMs, 0, 7 * 86400000L);
                if (OfflineRebootMs > 0 && OfflineRebootMs < 60000)
                {
                    r.Invalid("offline_reboot", "0 (off) or at least 1m, so a short outage does not reboot the device");
                }

                // The loop sleeps up to a minute between steps when nothing is due.
                LoopStallMs = r.Milliseconds("loop_stall", LoopStallMs, 0, 3600000);
                if (LoopStallMs > 0 && LoopStallMs < 90000)
                {
                    r.Invalid("loop_stall", "0 (off) or at least 90s, longer than the loop's longest sleep (60 s)");
                }

                HeapFloorBytes = r.Int("heap_floor", HeapFloorBytes, 0, 1048576);
            }
            else if (name == "outbox")
            {
                OutboxMaxMessages = r.Int("max_messages", OutboxMaxMessages, 0, 10000);
                OutboxMaxBytes = r.Int("max_bytes", OutboxMaxBytes, 0, 1048576);
                OutboxExpiryMs = r.Milliseconds("expiry", OutboxExpiryMs, 0, 7 * 86400000L);
            }
            else if (name == "diag")
            {
                DiagIntervalMs = r.Milliseconds("interval", DiagIntervalMs, 0, 86400000);
            }
            else if (name == "commands")
            {
                MaxCommandPayload = r.Int("max_payload", MaxCommandPayload, 16, 65536);
            }
            else if (name == "i2c")
            {
                I2cSda = r.Int("sda", I2cSda, 0, 48);
                I2cScl = r.Int("scl", I2cScl, 0, 48);
            }
            else if (name == "power")
            {
                string mode = r.Text("mode", PowerMode).ToLower();
                if (mode == AlwaysOn || mode == Sleep)
                {
                    PowerMode = mode;
                }
                else
                {
                    r.Invalid("mode", "always-on or sleep");
                }
            }
            else if (name == "sleep")
            {
                SleepIntervalMs = r.Milliseconds("interval", SleepIntervalMs, 10000, 86400000);
                SleepAwakeMaxMs = r.Milliseconds("awake_max", SleepAwakeMaxMs, 5000, 600000);
                if (SleepAwakeMaxMs >= SleepIntervalMs)
                {
                    r.Invalid("awake_max", "a time shorter than the sleep interval (" + Duration.Format(SleepIntervalMs) + ")");
                }

                SleepDeployWindowMs = r.Milliseconds("deploy_window", SleepDeployWindowMs, 0, 600000);
            }
            else if (name == "time")
            {
                string servers = r.Text("sntp", null);
                if (servers != null)
                {
                    SntpServers = servers.Split(',');
                    for (int i = 0; i < SntpServers.Length; i++)
                    {
                        SntpServers[i] = SntpServers[i].Trim();
                        if (SntpServers[i].Length == 0 || SntpServers[i].IndexOf(' ') >= 0 || SntpServers.Length > 2)
                        {
                            r.Invalid("sntp", "one or two host names or addresses, comma-separated, e.g. 192.168.1.1");
                            break;
                        }
                    }
                }
            }
            else if (name == "homeassistant")
            {
                DiscoveryEnabled = r.Bool("discovery", DiscoveryEnabled);
                DiscoveryPrefix = r.Text("prefix", DiscoveryPrefix);
                if (Topics.CheckSegment(DiscoveryPrefix, "prefix") != null)
                {
                    r.Invalid("prefix", "one topic level without '+', '#', '/' or spaces, usually homeassistant");
                }
            }
            else if (name.StartsWith("sensor."))
            {
                if (sensors.Count == MaxSensors)
                {
                    return ConfigDocument.At(section.Line, "more than " + MaxSensors.ToString() + " sensors");
                }

                sensors.Add(ReadSensor(r, section, sensors));
            }
            else if (name.StartsWith("actuator."))
            {
                if (actuators.Count == MaxActuators)
                {
                    return ConfigDocument.At(section.Line, "more than " + MaxActuators.ToString() + " actuators");
                }

                actuators.Add(ReadActuator(r, section, actuators));
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
            string brokers = r.Text("brokers", null);
            if (brokers != null)
            {
                string[] parts = brokers.Split(',');
                BrokerHosts = new string[parts.Length];
                BrokerPorts = new int[parts.Length];
                for (int i = 0; i < parts.Length; i++)
                {
                    if (!TryParseEndpoint(parts[i].Trim(), out BrokerHosts[i], out BrokerPorts[i]))
                    {
                        r.Invalid("brokers", "host:port[, host:port...] with ports 1..65535, e.g. 192.168.1.10:1883");
                        break;
                    }
                }
            }

            FailoverAfter = r.Int("failover_after", FailoverAfter, 1, 100);
            string protocol = r.Text("protocol", "3.1.1");
            if (protocol == "3.1.1" || protocol == "3")
            {
                ProtocolVersion = 3;
            }
            else if (protocol == "5" || protocol == "5.0")
            {
                ProtocolVersion = 5;
            }
            else
            {
                r.Invalid("protocol", "3.1.1 or 5");
            }

            Tls = r.Bool("tls", Tls);
            User = r.Text("user", null);
            ClientId = r.Text("client_id", null);
            KeepAliveSeconds = (int)(r.Milliseconds("keepalive", KeepAliveSeconds * 1000L, 1000, 65535000) / 1000);
            SessionExpirySeconds = (int)(r.Milliseconds("session_expiry", SessionExpirySeconds * 1000L, 0, 4294967L * 1000) / 1000);
            ConnectTimeoutMs = r.Milliseconds("connect_timeout", ConnectTimeoutMs, 1000, 120000);
            if (r.Has("password"))
            {
                r.Invalid("password", "nothing: passwords belong in nf.secrets, which is never committed");
            }
        }

        private static SensorConfig ReadSensor(SectionReader r, ConfigSection section, ArrayList others)
        {
            var s = new SensorConfig();
            s.Name = section.Name.Substring("sensor.".Length);
            CheckName(r, s.Name, "sensor", section);
            for (int i = 0; i < others.Count; i++)
            {
                if (((SensorConfig)others[i]).Name == s.Name && r.Error == null)
                {
                    r.Error = ConfigDocument.At(section.Line, "sensor '" + s.Name + "' appears twice");
                }
            }

            s.Type = r.Text("type", null);
            if (s.Type != SensorConfig.Bme280 && s.Type != SensorConfig.Sht3x && s.Type != SensorConfig.Bh1750 && s.Type != SensorConfig.Input)
            {
                r.Invalid("type", "bme280, sht3x, bh1750 or input");
            }

            if (s.Type == SensorConfig.Input)
            {
                s.Pin = r.Int("pin", -1, 0, 48);
                if (s.Pin < 0)
                {
                    r.Invalid("pin", "the GPIO number of the input");
                }

                s.PullUp = r.Bool("pull_up", s.PullUp);
                s.DebounceMs = r.Milliseconds("debounce", s.DebounceMs, 0, 10000);
            }
            else
            {
                s.Address = r.Int("address", 0, 0x03, 0x77);
            }

            s.IntervalMs = r.Milliseconds("interval", s.IntervalMs, 100, 86400000);
            s.Qos = r.Int("qos", s.Qos, 0, 2);
            s.Retain = r.Bool("retain", s.Retain);
            s.Deadband = r.Number("deadband", s.Deadband, 0, 1000000);
            s.Heartbeat = r.Int("heartbeat", s.Heartbeat, 1, 10000);
            s.Median = r.Int("median", s.Median, 1, 15);
            return s;
        }

        private static ActuatorConfig ReadActuator(SectionReader r, ConfigSection section, ArrayList others)
        {
            var a = new ActuatorConfig();
            a.Name = section.Name.Substring("actuator.".Length);
            CheckName(r, a.Name, "actuator", section);
            if (a.Name == "device" && r.Error == null)
            {
                r.Error = ConfigDocument.At(section.Line, "'device' is the name of the built-in device commands");
            }

            for (int i = 0; i < others.Count; i++)
            {
                if (((ActuatorConfig)others[i]).Name == a.Name && r.Error == null)
                {
                    r.Error = ConfigDocument.At(section.Line, "actuator '" + a.Name + "' appears twice");
                }
            }

            a.Type = r.Text("type", null);
            if (a.Type != ActuatorConfig.Relay && a.Type != ActuatorConfig.Led && a.Type != ActuatorConfig.Pwm)
            {
                r.Invalid("type", "relay, led or pwm");
            }

            a.Pin = r.Int("pin", -1, 0, 48);
            if (a.Pin < 0)
            {
                r.Invalid("pin", "the GPIO number that drives it");
            }

            a.Inverted = r.Bool("inverted", a.Inverted);
            a.Safe = r.Text("safe", a.Safe).ToLower();
            double duty;
            bool numeric = double.TryParse(a.Safe, out duty);
            if (a.Type == ActuatorConfig.Pwm ? !(numeric && duty >= 0 && duty <= 100) && a.Safe != "off" : a.Safe != "on" && a.Safe != "off")
            {
                r.Invalid("safe", a.Type == ActuatorConfig.Pwm ? "off or a duty from 0 to 100" : "on or off");
            }

            a.SafeAfterMs = r.Milliseconds("safe_after", a.SafeAfterMs, 0, 7 * 86400000L);
            a.MaxChangesPerMinute = r.Int("max_changes_per_minute", a.MaxChangesPerMinute, 0, 6000);
            a.FrequencyHz = r.Int("frequency", a.FrequencyHz, 1, 40000000);
            return a;
        }

        private static void CheckName(SectionReader r, string name, string what, ConfigSection section)
        {
            char[] chars = name.ToCharArray();
            bool ok = chars.Length > 0 && chars.Length <= 32;
            for (int i = 0; ok && i < chars.Length; i++)
            {
                char c = chars[i];
                ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            }

            if (!ok && r.Error == null)
            {
                r.Error = ConfigDocument.At(section.Line, what + " name '" + name + "' must be 1 to 32 of a-z, 0-9, '_' and '-'");
            }
        }

        private string ReadSecrets(ConfigDocument secrets)
        {
            for (int i = 0; i < secrets.SectionCount; i++)
            {
                ConfigSection section = secrets.SectionAt(i);
                var r = new SectionReader(section, section.Name);
                if (section.Name == "wifi")
                {
                    WifiPassword = r.Text("password", null);
                }
                else if (section.Name == "mqtt")
                {
                    Password = r.Text("password", null);
                    User = r.Text("user", User);
                }
                else
                {
                    return ConfigDocument.At(section.Line, "unknown section [" + section.Name + "]; nf.secrets holds [wifi] and [mqtt]");
                }

                r.RejectUnknownKeys();
                if (r.Error != null)
                {
                    return r.Error;
                }
            }

            return null;
        }

        /// <summary>"host:port" or "host" (port 1883); IPv6 literals in brackets: "[::1]:1883".</summary>
        public static bool TryParseEndpoint(string text, out string host, out int port)
        {
            host = null;
            port = 1883;
            if (text == null || text.Length == 0)
            {
                return false;
            }

            int colon = text.LastIndexOf(':');
            int bracket = text.LastIndexOf(']');
            if (colon == 0)
            {
                return false;
            }

            if (colon > 0 && colon > bracket)
            {
                long p;
                if (!SectionReader.TryParseInteger(text.Substring(colon + 1), out p) || p < 1 || p > 65535)
                {
                    return false;
                }

                port = (int)p;
                host = text.Substring(0, colon);
            }
            else
            {
                host = text;
            }

            if (host.Length > 1 && host.IndexOf('[') == 0 && host.LastIndexOf(']') == host.Length - 1)
            {
                host = host.Substring(1, host.Length - 2);
            }

            if (host.Length == 0 || host.IndexOf(' ') >= 0 || host.IndexOf(',') >= 0)
            {
                return false;
            }

            return true;
        }
    }
}
