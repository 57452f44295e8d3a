using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.HomeAssistant
{
    /// <summary>
    /// Settings of Home Assistant discovery (<see cref="IDiscovery"/>, in NanoMqtt.HomeAssistant): [homeassistant]
    /// in nf.config, plus what the device knows of itself for the device block.
    /// </summary>
    public sealed class DiscoveryOptions
    {
        /// <summary>
        /// Settings key of the last announcement ("hash;component/object,component/object..."): while it is there,
        /// a boot retracts what is no longer announced.
        /// </summary>
        public const string StoreKey = "ha.announced";

        /// <summary>
        /// Announce the entities. When false the publisher only retracts what an earlier boot announced
        /// (empty retained configs), so turning discovery off removes the device from Home Assistant.
        /// Off by default, as [homeassistant] discovery in nf.config.
        /// </summary>
        public bool Enabled;

        /// <summary>Home Assistant's discovery prefix; its birth message comes on {Prefix}/status.</summary>
        public string Prefix = "homeassistant";

        public string Model = "NanoMqtt field device";
        public const string Manufacturer = "NanoMqtt";

        /// <summary>
        /// Sensors become unavailable after this many seconds without a reading; 0 never. A sleeping
        /// device ends its session cleanly, so its will never fires if it dies asleep: this is what tells
        /// Home Assistant then. FieldDevice sets two intervals plus the awake bound in sleep mode.
        /// </summary>
        public long ExpireAfterSeconds;

        /// <summary>
        /// Announce at a connect only when the configs changed or the broker lost the session (and with
        /// it, most likely, the retained configs). Saves awake time in sleep mode; always-on devices
        /// announce at every connect, as the Home Assistant docs advise.
        /// </summary>
        public bool OnlyWhenChanged;

        /// <summary>
        /// Upper bound of the random delay before re-announcing on Home Assistant's birth, so that a fleet
        /// does not answer all at once (the Home Assistant docs recommend a random delay).
        /// </summary>
        public const int BirthJitterMs = 2000;

        /// <summary>Null when usable, else what is wrong: "KEY must be WHAT", KEY the [homeassistant] key of nf.config.</summary>
        public string Validate()
        {
            return Topics.CheckSegment(Prefix, "prefix") != null ? "prefix must be one topic level without '+', '#', '/' or spaces" : null;
        }
    }
}
