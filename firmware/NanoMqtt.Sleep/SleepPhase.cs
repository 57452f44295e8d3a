namespace NanoMqtt.Sleep
{
    /// <summary>Where a wake of the <see cref="SleepCycle"/> is.</summary>
    public enum SleepPhase
    {
        /// <summary>Reading the sensors, connecting, publishing, taking the queued commands.</summary>
        Awake,
        /// <summary>"sleeping" was published (or the connection given up); waiting for the session to end.</summary>
        GoingToSleep,
        /// <summary>Deep sleep was requested. On the board nothing runs any more; the simulator restarts the device.</summary>
        Asleep
    }
}
