namespace NanoMqtt.Core.Power
{
    /// <summary>
    /// Settings of the sleep cycle (<see cref="IWakeCycle"/>, in NanoMqtt.Sleep). The defaults suit a sensor on a 2,000 mAh cell that reports
    /// every 10 minutes (docs/power.md).
    /// </summary>
    public sealed class SleepOptions
    {
        /// <summary>From one wake to the next. The sleep is this minus the time spent awake, so readings keep a steady cadence.</summary>
        public long IntervalMs = 600000;

        /// <summary>
        /// The longest a wake may last, broker or no broker. The cycle starts its shutdown early enough
        /// (<see cref="ShutdownReserveMs"/> before) that the end of the wake falls within this bound.
        /// </summary>
        public long AwakeMaxMs = 30000;

        /// <summary>
        /// Kept for the shutdown at the end of the bound: the supervisor waits up to its ShutdownTimeoutMs
        /// for the "sleeping" acknowledgement, plus one step.
        /// </summary>
        public const long ShutdownReserveMs = Connection.SupervisorOptions.ShutdownTimeoutMs + Connection.SupervisorOptions.EventPollMs;

        /// <summary>
        /// Wait after the birth, and after each command, before going to sleep. A broker delivers the
        /// commands queued in the persistent session right after the connect; this leaves them time to
        /// arrive, and a burst of them is taken whole because each one extends the wait.
        /// </summary>
        public const long SettleMs = 500;

        /// <summary>Unsent readings kept through the sleep, at most (the newest are kept, the older ones counted as dropped).</summary>
        public int MaxKeptMessages = Messaging.OutboxKeeper.DefaultMaxMessages;

        /// <summary>Bytes of the kept readings (topic + payload, see <see cref="Messaging.KeptMessages.SizeOf"/>), at most; stored as hex, so about twice this in storage.</summary>
        public int MaxKeptBytes = Messaging.OutboxKeeper.DefaultMaxBytes;

        /// <summary>
        /// The wake lasts at least this long (0: no minimum); <see cref="AwakeMaxMs"/> then bounds the rest.
        /// Set after a power-on or reset, so that Visual Studio can deploy to a board that would otherwise
        /// sleep again within seconds.
        /// </summary>
        public long StayAwakeMs;

        /// <summary>Shortest sleep, when a wake took (almost) the whole interval.</summary>
        public const long MinSleepMs = 1000;

        /// <summary>
        /// [sleep] deploy_window: after a power-on or reset (not a timer wake), FieldDevice makes the wake last at
        /// least this long (<see cref="StayAwakeMs"/>), so a deploy can reach the board. 0 turns it off.
        /// </summary>
        public long DeployWindowMs = 60000;

        /// <summary>
        /// Null when usable, else what is wrong: "KEY must be WHAT" names the [sleep] key of nf.config, which the
        /// config reader reports at that key's line. The bounds of single keys are the reader's.
        /// </summary>
        public string Validate()
        {
            string bound = AwakeMaxMs >= IntervalMs ? "a time under the interval (" + Config.Duration.Format(IntervalMs)
                : AwakeMaxMs <= ShutdownReserveMs ? "over the shutdown reserve (" + Config.Duration.Format(ShutdownReserveMs) : null;
            if (bound != null)
            {
                return "awake_max must be " + bound + ")";
            }

            if (MaxKeptMessages < 0 || MaxKeptBytes < 0)
            {
                return "kept-message bounds must not be negative";
            }

            return null;
        }
    }
}
