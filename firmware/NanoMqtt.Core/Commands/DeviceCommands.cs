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
    /// Interval and QoS changes are applied through <see cref="IRuntimeSettings"/>, then stored.
    /// </summary>
    public sealed class DeviceCommands
    {
        public const string Target = "device";

        private readonly string[] _words = new string[4];

        /// <summary>The settings that interval and qos change; null answers not_supported.</summary>
        public IRuntimeSettings RuntimeSettings;

        /// <summary>Reboot and diag; null answers not_supported.</summary>
        public IDeviceActions Actions;

        /// <summary>Where interval and qos changes are stored; null answers not_saved after applying.</summary>
        public ISettingsStore Store;

        /// <summary>After a Run: why it failed, or null.</summary>
        public string Reason;

        /// <summary>After a successful Run: the answer's state ("pong", "interval climate 30s").</summary>
        public string State;

        /// <summary>After a successful Run: the router must request a reboot once the answer is out.</summary>
        public bool RebootRequested;

        /// <summary>After a successful Run: the router must request diag once the answer is out.</summary>
        public bool DiagRequested;

        /// <summary>
        /// True for a command that must not run twice (reboot): its id is kept across reboots, so a
        /// redelivery after the restart it caused does not restart the device again.
        /// </summary>
        public bool NotRepeatable;

        /// <summary>Runs the command; null when done, else an error code from <see cref="CommandErrors"/>.</summary>
        public string Run(Command command)
        {
            Reason = null;
            State = null;
            RebootRequested = false;
            DiagRequested = false;
            NotRepeatable = false;

            string verb;
            string name;
            string value;
            if (command.Cmd != null)
            {
                verb = command.Cmd.Trim().ToLower();
                name = verb == "qos" ? command.Stream : command.Sensor;
                value = command.Value;
                if ((verb == "qos" && command.Sensor != null) || (verb != "qos" && command.Stream != null))
                {
                    return Refuse(CommandErrors.InvalidCommand, verb == "qos" ? "qos takes \"stream\", not \"sensor\"" : verb + " takes no \"stream\"");
                }
            }
            else
            {
                int count = Split(command.Value);
                if (count == 0)
                {
                    return Refuse(CommandErrors.InvalidValue, "empty device command");
                }

                if (count > 3)
                {
                    return Refuse(CommandErrors.InvalidValue, "too many words; e.g. interval climate 30s");
                }

                verb = _words[0].ToLower();
                name = _words[1];
                value = _words[2];
            }

            switch (verb)
            {
                case "ping":
                    return NoArguments(verb, name, value) ?? Done("pong");
                case "diag":
                    if (NoArguments(verb, name, value) != null)
                    {
                        return CommandErrors.InvalidValue;
                    }

                    if (Actions == null)
                    {
                        return NotWired("diag");
                    }

                    DiagRequested = true;
                    return Done("diag");
                case "reboot":
                    if (NoArguments(verb, name, value) != null)
                    {
                        return CommandErrors.InvalidValue;
                    }

                    if (Actions == null)
                    {
                        return NotWired("reboot");
                    }

                    RebootRequested = true;
                    NotRepeatable = true;
                    return Done("rebooting");
                case "interval":
                    return SetInterval(name, value);
                case "qos":
                    return SetQos(name, value);
                default:
                    return Refuse(CommandErrors.UnknownCommand, "unknown device command '" + CommandErrors.Excerpt(verb) + "'; try ping, reboot, diag, interval or qos");
            }
        }

        private string SetInterval(string sensor, string value)
        {
            string problem = sensor == null ? "interval needs a sensor and a duration, e.g. interval climate 30s" : Topics.CheckSegment(sensor, "sensor name");
            if (problem != null)
            {
                return Refuse(CommandErrors.InvalidValue, problem);
            }

            long ms;
            if (value == null || !Duration.TryParse(value, out ms) || ms <= 0)
            {
                return Refuse(CommandErrors.InvalidValue, "interval needs a positive duration such as 500ms, 10s, 5m or 1h");
            }

            if (RuntimeSettings == null)
            {
                return NotWired("run-time settings");
            }

            string refused = RuntimeSettings.SetInterval(sensor, ms);
            if (refused != null)
            {
                return Refuse(CommandErrors.SettingRefused, refused);
            }

            return Applied("interval " + sensor + " " + Duration.Format(ms), PersistedSettings.SaveInterval(Store, sensor, ms));
        }

        private string SetQos(string stream, string value)
        {
            string problem = stream == null ? "qos needs a stream and 0, 1 or 2, e.g. qos climate 1" : Topics.CheckSegment(stream, "stream name");
            if (problem != null)
            {
                return Refuse(CommandErrors.InvalidValue, problem);
            }

            string v = value == null ? null : value.Trim();
            int qos = PersistedSettings.ParseQos(v);
            if (qos < 0)
            {
                return Refuse(CommandErrors.InvalidValue, "qos must be 0, 1 or 2");
            }

            if (RuntimeSettings == null)
            {
                return NotWired("run-time settings");
            }

            string refused = RuntimeSettings.SetQos(stream, qos);
            if (refused != null)
            {
                return Refuse(CommandErrors.SettingRefused, refused);
            }

            return Applied("qos " + stream + " " + v, PersistedSettings.SaveQos(Store, stream, qos));
        }

        private string NotWired(string what)
        {
            return Refuse(CommandErrors.NotSupported, what + " is not wired on this device");
        }

        /// <summary>A setting that took effect: done when the store kept it too, else refused as not saved.</summary>
        private string Applied(string state, bool saved)
        {
            return saved ? Done(state) : Refuse(CommandErrors.NotSaved, state + " applied until reboot: the settings store failed");
        }

        private string NoArguments(string verb, string name, string value)
        {
            if (name == null && value == null)
            {
                return null;
            }

            return Refuse(CommandErrors.InvalidValue, verb + " takes no arguments");
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

        private string Done(string state)
        {
            State = state;
            return null;
        }

        private string Refuse(string code, string reason)
        {
            Reason = reason;
            return code;
        }
    }
}
