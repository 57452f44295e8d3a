namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// How long to wait between attempts. Delays grow from <see cref="BaseMs"/> by <see cref="Multiplier"/>
    /// up to <see cref="CapMs"/>, and each delay is drawn at random below that ceiling (full jitter), so a
    /// fleet that lost the same broker does not come back in lock step.
    /// </summary>
    public sealed class BackoffOptions
    {
        /// <summary>Ceiling of the first delay.</summary>
        public int BaseMs = 1000;

        /// <summary>No delay is ever longer than this.</summary>
        public int CapMs = 60000;

        /// <summary>Growth of the ceiling per consecutive failure. Whole numbers only: no floating point on the device's hot path.</summary>
        public int Multiplier = 2;

        /// <summary>
        /// No delay is ever shorter than this (or the ceiling, when that is lower). Full jitter alone may draw
        /// 0 again and again; the floor turns that into at most a few attempts per second, never a hot loop.
        /// </summary>
        public const int MinDelayMs = 250;

        /// <summary>After this long online the connection counts as stable and the backoff starts again from the base.</summary>
        public int ResetAfterStableMs = 60000;

        /// <summary>When Wi-Fi comes back, the next attempt moves to within this many ms, however long the backoff was.</summary>
        public const int LinkUpJitterMs = 500;

        /// <summary>
        /// After an established session is lost while Wi-Fi stays up (the broker restarted or dropped every
        /// client), the first attempt is drawn from a window at least this wide (bounded by the cap). A whole
        /// fleet loses its sessions in the same instant; spread over 15 s, well under a tenth of it comes
        /// back in any one second, instead of all of it within the first second.
        /// </summary>
        public int SessionLossSpreadMs = 15000;

        /// <summary>
        /// Null when usable, else what is wrong: "cap must be WHAT", which the config reader reports at the line
        /// of [backoff] cap. The bounds of single keys are the reader's; a base of 0 or a multiplier under 1 only
        /// code can set, and either would retry in a hot loop.
        /// </summary>
        public string Validate()
        {
            if (BaseMs <= 0 || Multiplier < 1)
            {
                return "backoff base must be above 0 ms and multiplier at least 1";
            }

            return CapMs < BaseMs ? "cap must be at least the base (" + Config.Duration.Format(BaseMs) + ")" : null;
        }
    }
}
