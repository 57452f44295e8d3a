namespace NanoMqtt.Core.Sensors
{
    /// <summary>Timing rules shared by all sensors of a <see cref="SensorSchedule"/>.</summary>
    public sealed class ScheduleOptions
    {
        /// <summary>
        /// How often Step wants to run while digital inputs exist, to take the edges the shell queued. The
        /// shell may also call Step at once from a pin's ValueChanged event; then this is only a backstop.
        /// </summary>
        public int InputCheckMs = 20;

        /// <summary>How often a sample that is not ready yet is asked again.</summary>
        public int CollectRetryMs = 5;

        /// <summary>After this many not-ready answers the sample fails as a timeout: a stuck chip never hangs the loop.</summary>
        public int CollectRetries = 5;

        /// <summary>
        /// Consecutive failed samples before a sensor counts as in fault (reported, listed in diag). 1, the
        /// default, reports at once; 2 or 3 ride out a single noisy transfer on a long bus.
        /// </summary>
        public int FaultAfterFailures = 1;

        /// <summary>What Step returns when nothing at all is scheduled.</summary>
        public int IdleMs = 60000;
    }
}
