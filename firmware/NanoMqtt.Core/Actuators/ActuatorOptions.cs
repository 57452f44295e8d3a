using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Actuators
{
    /// <summary>
    /// How one actuator is wired and behaves ([actuator.NAME] of nf.config). The defaults suit a relay that
    /// must not chatter.
    /// </summary>
    public sealed class ActuatorOptions
    {
        /// <summary>Never enter the safe state for lack of a broker session (only at boot).</summary>
        public const long NeverFailSafe = -1;

        /// <summary>The name in the topics: {prefix}/{id}/cmd/{Name} and state/{Name}.</summary>
        public string Name;

        public ActuatorKind Kind = ActuatorKind.Relay;

        /// <summary>The GPIO that drives it; -1 until the config sets it.</summary>
        public int Pin = -1;

        /// <summary>PWM frequency (type = pwm).</summary>
        public int FrequencyHz = 1000;

        /// <summary>
        /// Active low: on drives the pin low (most relay modules). For PWM the duty is inverted
        /// (10000 - duty), for a LED wired to the supply rail.
        /// </summary>
        public bool Inverted;

        /// <summary>
        /// The state entered at boot and after <see cref="FailSafeAfterMs"/> without a broker session, in
        /// hundredths of a percent (0..10000). For a relay or LED, 0 is off and anything else on.
        /// </summary>
        public int SafeDuty;

        /// <summary>
        /// How long without a broker session before the safe state, in ms (5 min by default). 0 = as soon as
        /// the session is gone; <see cref="NeverFailSafe"/> = keep the state while offline (a light, not a valve).
        /// </summary>
        public long FailSafeAfterMs = 300000;

        /// <summary>
        /// At most this many state changes per <see cref="ChangeWindowMs"/>; 0 = no limit. A relay's
        /// contacts are rated for a finite number of cycles, so a command flood must not cycle it. The
        /// config's max_changes_per_minute is this count.
        /// </summary>
        public int MaxChanges = 30;

        /// <summary>The window of <see cref="MaxChanges"/>: a minute.</summary>
        public const long ChangeWindowMs = 60000;

        /// <summary>
        /// Null when the options are usable, else why not (for the config parser to report). The bounds of
        /// safe, safe_after and max_changes_per_minute are the config reader's.
        /// </summary>
        public string Validate()
        {
            string problem = Topics.CheckSegment(Name, "actuator name");
            return problem == null && Name == "device" ? "the name 'device' is taken by device commands" : problem;
        }
    }
}
