using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Power
{
    /// <summary>
    /// Deep sleep for [power] mode = sleep (<see cref="Device.DevicePorts.Sleep"/>): NanoMqtt.Sleep's DeepSleepMode
    /// over the board's <see cref="IDeepSleep"/>. A build without it reports mode = sleep as a config error and stays awake.
    /// </summary>
    public interface ISleepMode
    {
        /// <summary>Starts this boot's wake, before anything publishes: the readings kept from the last wake go first.</summary>
        IWakeCycle StartWake(SleepOptions options, IBrokerSession session, ISettingsStore store, IClock clock);
    }
}
