namespace NanoMqtt.Core.Sensors
{
    /// <summary>Timing rules shared by all sensors of a <see cref="SensorSchedule"/>.</summary>
    public sealed class ScheduleOptions
    {
        /// <summary>
        /// How often Step wants to run while digital inputs exist and nothing is pending, to take edges the
        /// shell queued. Both shells wake the loop from the pin's ValueChanged event (the board's
        /// GpioDigitalInput, the simulator's SimDigitalInput), so this is only a backstop against a lost
        /// wake-up, and 1 s spares the CPU 49 of the 50 idle steps per second that 20 ms cost. A pending
        /// debounce still asks for its exact end, so timing does not depend on it. A shell that cannot
        /// wake on a pin change sets it back to about 20 ms.
        /// </summary>
        public int InputCheckMs = 1000;

        /// <summary>How often a sample that is not ready yet is asked again.</summary>
        public const int CollectRetryMs = 5;

        /// <summary>After this many not-ready answers the sample fails as a timeout: a stuck chip never hangs the loop.</summary>
        public const int CollectRetries = 5;

        /// <summary>
        /// Consecutive failed samples before a sensor counts as in fault (reported, listed in diag). 1, the
        /// default, reports at once; 2 or 3 ride out a single noisy transfer on a long bus.
        /// </summary>
        public int FaultAfterFailures = 1;

        /// <summary>What Step returns when nothing at all is scheduled.</summary>
        public const int IdleMs = 60000;
    }
}
