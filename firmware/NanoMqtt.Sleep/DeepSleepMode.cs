using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Platform;
using NanoMqtt.Core.Power;

namespace NanoMqtt.Sleep
{
    /// <summary>
    /// [power] mode = sleep over the board's deep sleep: the shell puts one in DevicePorts.Sleep when the config asks
    /// for sleep, and each FieldDevice (one per wake) starts its <see cref="SleepCycle"/> from it.
    /// </summary>
    public sealed class DeepSleepMode : ISleepMode
    {
        private readonly IDeepSleep _sleeper;

        public DeepSleepMode(IDeepSleep sleeper)
        {
            if (sleeper == null)
            {
                throw new System.ArgumentNullException();
            }

            _sleeper = sleeper;
        }

        public IWakeCycle StartWake(SleepOptions options, IBrokerSession session, ISettingsStore store, IClock clock)
        {
            return new SleepCycle(options, session, _sleeper, store, clock);
        }
    }
}
