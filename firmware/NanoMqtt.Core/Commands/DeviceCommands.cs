using NanoMqtt.Core.Config;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// The commands on {prefix}/{id}/cmd/device, as a line of text or as JSON:
    /// <list type="bullet">
    /// <item>ping (answers "pong"), reboot, diag;</item>
    /// <item>interval {sensor} {duration}: {"cmd":"interval","sensor":"climate","value":"30s"};</item>
    /// <item>qos {stream} {0|1|2}: {"cmd":"qos","stream":"climate","value":1}.</item>
    /// </list>
    /// A JSON command without "cmd" takes its "value" as the line: {"id":"a1","value":"reboot"}.
    /// Interval and QoS changes are applied through <see cref="IRuntimeSettings"/>, then kept in the
    /// <see cref="ISettingsStore"/> across reboots: "interval.{sensor}" holds a duration ("30000ms", readable
    /// by <see cref="Duration"/>), "qos.{stream}" holds "0", "1" or "2". At boot <see cref="ApplyAtBoot"/>
    /// hands them back: a stored value wins over the config file's, because it is the operator's newer wish.
    /// </summary>
    public sealed class DeviceCommands
    {
        public const string Target = "device";
        public const string IntervalPrefix = "interval.";
        public const string QosPrefix = "qos.";

        private readonly string[] _words = new string[4];

        /// <summary>The settings that interval and qos change; null answers not_supported.</summary>
        public IRuntimeSettings RuntimeSettings;

        /// <summary>Reboot and diag; null answers not_supported.</summary>
        public IDeviceActions Actions;

        /// <summary>
        /// Where interval and qos changes are stored (the router keeps its not-repeatable ids there too, set
        /// from its constructor); null answers not_saved after applying.
        /// </summary>
        public ISettingsStore Store;

        /// <summary>After a successful Run: the answer's state ("pong", "interval climate 30s").</summary>
        public string State;

        /// <summary>
        /// After a successful Run: the router must request a reboot once the answer is out. A reboot must
        /// not run twice: its id is kept across reboots, so a redelivery after the restart it caused does
        /// not restart the device again.
        /// </summary>
        public bool RebootRequested;

        /// <summary>After a successful Run: the router must request diag once the answer is out.</summary>
        public bool DiagRequested;

        /// <summary>Runs the command; null when done, else an error code from <see cref="CommandErrors"/>.</summary>
        public string Run(Command command)
        {
            State = null;
            RebootRequested = false;
            DiagRequested = false;

            string verb;
            string name;
            string value;
            if (command.Cmd != null)
            {
                verb = command.Cmd.Trim().ToLower();
                bool isQos = verb == "qos";
                name = isQos ? command.Stream : command.Sensor;
                value = command.Value;
                if ((isQos ? command.Sensor : command.Stream) != null)
                {
                    return command.Refuse(CommandErrors.InvalidCommand, isQos ? "qos takes \"stream\", not \"sensor\"" : verb + " takes no \"stream\"");
                }
            }
            else
            {
                int count = Split(command.Value);
                if (count == 0 || count > 3)
                {
                    return command.Refuse(CommandErrors.InvalidValue, count == 0 ? "empty device command" : "too many words");
                }

                verb = _words[0].ToLower();
                name = _words[1];
                value = _words[2];
            }

            bool qos = verb == "qos";
            if (verb == "ping" || verb == "diag" || verb == "reboot")
            {
                if (name != null || value != null)
                {
                    return command.Refuse(CommandErrors.InvalidValue, verb + " takes no arguments");
                }

                if (verb == "ping")
                {
                    State = "pong";
                    return null;
                }

                if (Actions == null)
                {
                    return NotWired(command, verb);
                }

                // The router asks for either once the answer is out; a reboot's id is kept across it.
                DiagRequested = verb == "diag";
                RebootRequested = !DiagRequested;
                State = DiagRequested ? "diag" : "rebooting";
                return null;
            }

            if (!qos && verb != "interval")
            {
                return command.Refuse(CommandErrors.UnknownCommand, "unknown command '" + CommandErrors.Excerpt(verb) + "'; try ping, reboot, diag, interval or qos");
            }

            // interval {sensor} {duration} or qos {stream} {0|1|2}: checked, applied, then stored.
            string problem = name == null ? (qos ? "usage: qos {stream} 0|1|2" : "usage: interval {sensor} {duration}") : Topics.CheckSegment(name, qos ? "stream name" : "sensor name");
            if (problem != null)
            {
                return command.Refuse(CommandErrors.InvalidValue, problem);
            }

            long ms = 0;
            string v = value == null ? null : value.Trim();
            int level = ParseQos(v);
            if (qos ? level < 0 : value == null || !Duration.TryParse(value, out ms) || ms <= 0)
            {
                return command.Refuse(CommandErrors.InvalidValue, qos ? "qos must be 0, 1 or 2" : "interval must be > 0: 500ms, 10s, 5m, 1h");
            }

            if (RuntimeSettings == null)
            {
                return NotWired(command, "run-time settings");
            }

            string refused = qos ? RuntimeSettings.SetQos(name, level) : RuntimeSettings.SetInterval(name, ms);
            if (refused != null)
            {
                return command.Refuse(CommandErrors.SettingRefused, refused);
            }

            string state = verb + " " + name + " " + (qos ? v : Duration.Format(ms));
            bool saved = Store != null && (qos ? Store.Write(QosPrefix + name, v) : Store.Write(IntervalPrefix + name, ms.ToString() + "ms"));
            if (!saved)
            {
                return command.Refuse(CommandErrors.NotSaved, state + " applied until reboot (not saved)");
            }

            State = state;
            return null;
        }

        private static string NotWired(Command command, string what)
        {
            return command.Refuse(CommandErrors.NotSupported, what + " is not wired here");
        }

        /// <summary>0, 1 or 2 for exactly "0", "1" or "2", else -1 (compared whole: no string indexer, which nanoCLR walks from the start).</summary>
        private static int ParseQos(string text)
        {
            return text == "0" ? 0 : text == "1" ? 1 : text == "2" ? 2 : -1;
        }

        /// <summary>
        /// At boot: hands every stored interval and QoS of the named sensors and streams to the settings
        /// (the store cannot list its keys, so the caller names what the config defines). A stored value
        /// that is unreadable or now refused (the sensor changed) is skipped, so a bad entry never blocks
        /// the boot. Returns how many were applied.
        /// </summary>
        public static int ApplyAtBoot(ISettingsStore store, IRuntimeSettings settings, string[] sensors, string[] streams)
        {
            if (store == null || settings == null)
            {
                return 0;
            }

            int applied = 0;
            for (int i = 0; sensors != null && i < sensors.Length; i++)
            {
                long ms;
                string text = sensors[i] == null ? null : store.Read(IntervalPrefix + sensors[i]);
                if (text != null && Duration.TryParse(text, out ms) && ms > 0 && settings.SetInterval(sensors[i], ms) == null)
                {
                    applied++;
                }
            }

            for (int i = 0; streams != null && i < streams.Length; i++)
            {
                int qos = streams[i] == null ? -1 : ParseQos(store.Read(QosPrefix + streams[i]));
                if (qos >= 0 && settings.SetQos(streams[i], qos) == null)
                {
                    applied++;
                }
            }

            return applied;
        }

        /// <summary>Splits on blanks into _words; returns the number of words (4 means "too many").</summary>
        private int Split(string line)
        {
            _words[0] = null;
            _words[1] = null;
            _words[2] = null;
            _words[3] = null;
            int count = 0;
            int i = 0;
            // One copy rather than the indexer, which costs O(i) on nanoCLR.
            char[] chars = line == null ? new char[0] : line.ToCharArray();
            int n = chars.Length;
            while (i < n && count < 4)
            {
                while (i < n && IsBlank(chars[i]))
                {
                    i++;
                }

                if (i == n)
                {
                    break;
                }

                int start = i;
                while (i < n && !IsBlank(chars[i]))
                {
                    i++;
                }

                _words[count++] = new string(chars, start, i - start);
            }

            return count;
        }

        private static bool IsBlank(char c)
        {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }
    }
}
