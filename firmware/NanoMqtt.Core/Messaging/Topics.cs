namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// The topic scheme (README, "What a device does"), built once per device so that the hot paths reuse the strings.
    /// </summary>
    public sealed class Topics
    {
        public const string DefaultPrefix = "nanomqtt";

        public readonly string Prefix;
        public readonly string DeviceId;

        /// <summary>{prefix}/{id}</summary>
        public readonly string Root;
        public readonly string Status;
        public readonly string Diag;
        public readonly string Error;

        /// <summary>{prefix}/{id}/cmd/+ : what the device subscribes to.</summary>
        public readonly string CommandFilter;

        private readonly string _commandStem;

        public Topics(string prefix, string deviceId)
        {
            string problem = CheckSegment(prefix, "prefix");
            if (problem == null)
            {
                problem = CheckSegment(deviceId, "device id");
            }

            if (problem != null)
            {
                throw new System.ArgumentException(problem);
            }

            Prefix = prefix;
            DeviceId = deviceId;
            Root = prefix + "/" + deviceId;
            Status = Root + "/status";
            Diag = Root + "/diag";
            Error = Root + "/error";
            _commandStem = Root + "/cmd/";
            CommandFilter = _commandStem + "+";
        }

        public string Telemetry(string stream)
        {
            return Root + "/telemetry/" + stream;
        }

        public string State(string actuator)
        {
            return Root + "/state/" + actuator;
        }

        public string Command(string target)
        {
            return _commandStem + target;
        }

        public string CommandResult(string target)
        {
            return _commandStem + target + "/result";
        }

        /// <summary>
        /// Where the target starts in a command topic ({prefix}/{id}/cmd/{target}), or -1 when the topic is not
        /// one of this device's command topics (a result topic, another device, a deeper level). Lets the
        /// router match the target against the names it knows without cutting a string per command.
        /// </summary>
        public int CommandTargetStart(string topic)
        {
            int start = _commandStem.Length;
            if (topic == null || topic.Length <= start || !topic.StartsWith(_commandStem) || topic.IndexOf('/', start) >= 0)
            {
                return -1;
            }

            return start;
        }

        /// <summary>
        /// Null when the value is a usable single topic level, else why not. Wildcards, separators and NUL
        /// would let one device's topics leak into another's subscriptions.
        /// </summary>
        public static string CheckSegment(string value, string what)
        {
            if (value == null || value.Length == 0)
            {
                return what + " is empty";
            }

            if (value.Length > 64)
            {
                return what + " is longer than 64 characters";
            }

            // One copy rather than the indexer, which costs O(i) on nanoCLR.
            char[] chars = value.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == '+' || c == '#' || c == '/' || c == '\0')
                {
                    return what + " '" + value + "' contains '" + (c == '\0' ? "NUL" : c.ToString()) + "', which MQTT topics reserve";
                }

                if (c <= ' ' || c == 0x7F)
                {
                    return what + " '" + value + "' contains a space or a control character";
                }
            }

            return null;
        }
    }
}
