namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// How a digital input (button, reed switch, PIR) is published. It is event driven: the level is sent
    /// once at start-up and then on every debounced change, as v 1 (active) or 0 (inactive).
    /// Numbers rather than true/false keep one payload shape for every stream, so the same parser,
    /// and graph code handle inputs and one-quantity sensors. Defaults: 50 ms debounce, QoS 1 and retained,
    /// because a door state is state and a missed edge matters more than a missed temperature.
    /// </summary>
    public sealed class DigitalInputOptions
    {
        public const int DefaultDebounceMs = 50;

        public DigitalInputOptions(string name)
        {
            Name = name;
        }

        /// <summary>The stream name, a topic level.</summary>
        public string Name;

        /// <summary>
        /// A new level counts only once it has held this long; a pulse shorter than this (contact bounce,
        /// a glitch) is never published.
        /// </summary>
        public int DebounceMs = DefaultDebounceMs;

        /// <summary>True when a low pin means active (a button to ground with a pull-up): low publishes 1.</summary>
        public bool ActiveLow;

        /// <summary>Republish the current level every this many ms (0, the default, = only on change).</summary>
        public int HeartbeatMs;

        /// <summary>Publish the level read at start-up, so a retained state is right after a reboot.</summary>
        public bool PublishInitial = true;

        public int Qos = 1;

        public bool Retain = true;

        /// <summary>Null when usable, else why not. The config reader bounds debounce and qos.</summary>
        internal string Check()
        {
            string problem = Messaging.Topics.CheckSegment(Name, "input name");
            if (problem != null)
            {
                return problem;
            }

            if (HeartbeatMs != 0)
            {
                problem = SensorSchedule.CheckInterval(HeartbeatMs);
                if (problem != null)
                {
                    return Name + ": heartbeat " + problem;
                }
            }

            return null;
        }
    }
}
