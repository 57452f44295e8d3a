using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.HomeAssistant;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Core.Power
{
    /// <summary>
    /// One wake of a battery device ([power] mode = sleep) as <see cref="Device.FieldDevice"/> drives it. The
    /// NanoMqtt.Sleep library implements it; a mains board built without that library loads no sleep code. It restores the readings kept through the last sleep when it starts, and keeps them through a reboot
    /// asked for mid-wake (IRebootObserver).
    /// </summary>
    public interface IWakeCycle : IDiagContributor, IRebootObserver
    {
        bool IsAsleep { get; }

        /// <summary>The wake also waits until the discovery configs are in the outbox.</summary>
        void WaitFor(IDiscovery discovery);

        /// <summary>The sensor to schedule in place of <paramref name="driver"/>: the wake waits for its first sample.</summary>
        ISensor Watch(ISensor driver);

        /// <summary>A command came in: wait a settle time more, for the rest of a burst.</summary>
        void NoteInbound(long nowMs);

        /// <summary>Advances the wake; returns when it wants the next step (long.MaxValue once asleep).</summary>
        long Step(long nowMs);
    }
}
