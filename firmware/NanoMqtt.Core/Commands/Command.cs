namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// One parsed command, whatever form it came in. The router reuses one instance, so a message
    /// allocates only the strings that its payload holds.
    /// </summary>
    public sealed class Command
    {
        /// <summary>The command id, echoed in the answer and used against duplicates; null for plain commands.</summary>
        public string Id;

        /// <summary>
        /// The value as text: "on", "37.5", or a whole device command line ("interval climate 30s"). JSON
        /// true/false arrive as "on"/"off" and numbers as their literal text.
        /// </summary>
        public string Value;

        public bool HasExpiry;

        /// <summary>Unix seconds at which the command stops being valid.</summary>
        public long Expires;

        /// <summary>JSON "cmd" of a device command ("interval"), or null.</summary>
        public string Cmd;

        /// <summary>JSON "sensor" of an interval command, or null.</summary>
        public string Sensor;

        /// <summary>JSON "stream" of a qos command, or null.</summary>
        public string Stream;

        public void Clear()
        {
            Id = null;
            Value = null;
            HasExpiry = false;
            Expires = 0;
            Cmd = null;
            Sensor = null;
            Stream = null;
        }
    }
}
