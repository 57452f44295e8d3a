namespace NanoMqtt.Core.Config
{
    /// <summary>One [actuator.NAME] section of nf.config.</summary>
    public sealed class ActuatorConfig
    {
        public const string Relay = "relay";
        public const string Led = "led";
        public const string Pwm = "pwm";

        public string Name;
        public string Type;
        public int Pin = -1;

        /// <summary>Drive the pin low for "on": most relay modules are active-low.</summary>
        public bool Inverted;

        /// <summary>The state at boot and after <see cref="SafeAfterMs"/> offline: "off", "on" or a duty 0..100.</summary>
        public string Safe = "off";
        public long SafeAfterMs = 300000;

        /// <summary>Changes allowed per minute; 0 means no limit.</summary>
        public int MaxChangesPerMinute = 30;

        public int FrequencyHz = 1000;
    }
}
