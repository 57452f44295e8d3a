namespace NanoMqtt.Core.Commands
{
    /// <summary>Limits of the command router; the defaults suit an ESP32 with a few actuators.</summary>
    public sealed class CommandRouterOptions
    {
        /// <summary>Larger payloads are refused before they are decoded: a command is a few dozen bytes.</summary>
        public int MaxPayloadBytes = 256;

        /// <summary>How many applied command ids are remembered in RAM against duplicate delivery.</summary>
        public int RecentIdCapacity = 32;

        /// <summary>
        /// How many ids of not-repeatable commands (toggle, reboot) are also kept in the settings store,
        /// so that a redelivery after a reboot is still refused. 0 keeps none.
        /// </summary>
        public int PersistedIdCapacity = 8;

        /// <summary>
        /// Refuse a command that arrives as a retained message (replayed by the broker at every
        /// subscribe). On by default: it would otherwise undo the fail-safe after each reconnect.
        /// </summary>
        public bool RefuseRetained = true;
    }
}
