using System;
using System.Collections;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.HomeAssistant;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;
using NanoMqtt.Core.Power;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Sleep
{
    /// <summary>
    /// One wake of a battery device ([power] mode = sleep), as a step function. Built at boot, it first
    /// puts the readings kept from the last wake back into the outbox (before any new reading, so order
    /// holds). Then, while the rest of the device runs as usual: the sensors take a first sample, the
    /// supervisor connects, the outbox drains, and the commands that waited in the persistent session
    /// arrive (each one extends a short settle time). When all of that is done it publishes "sleeping"
    /// (retained) in place of "offline", ends the session cleanly, stores what is still unsent (bounded),
    /// and asks the shell to deep-sleep for the rest of the interval. The will stays "offline", so a
    /// device that dies mid-wake still reads as gone. A wake never lasts longer than AwakeMaxMs: near the
    /// bound it gives up on the broker and sleeps with the readings kept.
    /// </summary>
    public sealed class SleepCycle : IWakeCycle, ISessionObserver
    {
        /// <summary>Settings key of the readings kept through the sleep (absent when none are).</summary>
        public const string StoreKey = OutboxKeeper.StoreKey;

        /// <summary>The retained status while the device sleeps.</summary>
        public const string SleepingText = "sleeping";

        private const long Never = long.MaxValue;

        private readonly SleepOptions _options;
        private readonly IBrokerSession _session;
        private readonly IDeepSleep _sleeper;
        /// <summary>What keeps the unsent readings through the sleep (and through a reboot asked for mid-wake).</summary>
        public readonly OutboxKeeper Keeper;
        /// <summary>The sensors whose first sample the wake waits for (WatchedSensor).</summary>
        private readonly ArrayList _sensors = new ArrayList();
        /// <summary>The discovery burst the wake waits for, or null.</summary>
        private IDiscovery _discovery;
        private readonly long _wakeMs;
        private readonly long _giveUpMs;
        private readonly long _hardLimitMs;
        private readonly long _stayUntilMs;

        /// <summary>Why the given options were unusable (the defaults run instead), or null.</summary>
        public readonly string ConfigError;
        private SleepPhase _phase = SleepPhase.Awake;
        private long _settleUntilMs = Never;
        /// <summary>True when this wake had a broker session at some point.</summary>
        public bool ReachedBroker;
        /// <summary>True when the wake ended on the awake-time bound instead of finishing its work.</summary>
        public bool GaveUp;
        /// <summary>How long this wake lasted, from construction to the sleep request; -1 while awake.</summary>
        public long AwakeMs = -1;

        /// <param name="options">Null for the defaults.</param>
        /// <param name="store">Where the readings kept through the sleep live (flash, or RTC memory if the shell has it).</param>
        public SleepCycle(SleepOptions options, IBrokerSession session, IDeepSleep sleeper, ISettingsStore store, IClock clock)
        {
            if (session == null || sleeper == null || store == null || clock == null)
            {
                throw new ArgumentNullException();
            }

            // Options come from nf.config: unusable ones are reported and replaced, never thrown on.
            ConfigError = (options ?? new SleepOptions()).Validate();
            _options = options == null || ConfigError != null ? new SleepOptions() : options;
            _session = session;
            _sleeper = sleeper;
            Keeper = new OutboxKeeper(session.Outbox, store, session.Topics, _options.MaxKeptMessages, _options.MaxKeptBytes);
            _wakeMs = clock.NowMs;
            _stayUntilMs = _wakeMs + _options.StayAwakeMs;
            // The window comes first; the usual bound on the wake follows it.
            _hardLimitMs = _stayUntilMs + _options.AwakeMaxMs;
            _giveUpMs = _hardLimitMs - SleepOptions.ShutdownReserveMs;
            session.AddObserver(this);
            Keeper.Restore(_wakeMs);
        }

        public bool IsAsleep => _phase == SleepPhase.Asleep;

        /// <summary>Wraps a sensor so that the wake waits for its first sample before it sleeps.</summary>
        public ISensor Watch(ISensor driver)
        {
            var watched = new WatchedSensor(driver);
            _sensors.Add(watched);
            return watched;
        }

        /// <summary>The wake also waits until the discovery configs are in the outbox.</summary>
        public void WaitFor(IDiscovery discovery)
        {
            _discovery = discovery;
        }

        /// <summary>A message came in (a command from the session): wait a settle time more, for the rest of a burst.</summary>
        public void NoteInbound(long nowMs)
        {
            if (_phase == SleepPhase.Awake && _session.IsOnline)
            {
                long until = nowMs + SleepOptions.SettleMs;
                if (_settleUntilMs == Never || until > _settleUntilMs)
                {
                    _settleUntilMs = until;
                }
            }
        }

        /// <summary>Advances the wake; returns when it wants the next step (long.MaxValue once asleep).</summary>
        public long Step(long nowMs)
        {
            if (_phase == SleepPhase.Awake)
            {
                if (nowMs >= _giveUpMs)
                {
                    GaveUp = true;
                    BeginSleep();
                }
                else if (WorkDone(nowMs))
                {
                    BeginSleep();
                }
                else
                {
                    long next = _giveUpMs;
                    if (_stayUntilMs > nowMs && _stayUntilMs < next)
                    {
                        next = _stayUntilMs;
                    }

                    if (_settleUntilMs != Never && _settleUntilMs > nowMs && _settleUntilMs < next)
                    {
                        next = _settleUntilMs;
                    }

                    return next;
                }
            }

            if (_phase == SleepPhase.GoingToSleep)
            {
                // The supervisor aborts an unconfirmed "sleeping" after its shutdown timeout, which the
                // reserve covers; the hard limit is only a guard against a supervisor that never stops.
                if (_session.State == ConnectionState.Stopped || nowMs >= _hardLimitMs)
                {
                    FinishSleep(nowMs);
                }
                else
                {
                    return _hardLimitMs;
                }
            }

            return Never;
        }

        public void OnOnline(bool sessionPresent)
        {
            ReachedBroker = true;
            // The settle time counts from the birth: the broker sends the queued commands after the CONNACK
            // and SUBACK, so by now they are on their way.
            _settleUntilMs = _session.OnlineSinceMs + SleepOptions.SettleMs;
        }

        public void OnOffline(LinkFailure reason)
        {
            if (_phase == SleepPhase.Awake)
            {
                _settleUntilMs = Never;
            }
        }

        /// <summary>The supervisor's reboot is next: keeps what waits in the outbox (a reboot adds no gap to the readings' age).</summary>
        public void OnRebooting(long nowMs)
        {
            Keeper.Save(nowMs, 0, ReachedBroker);
        }

        /// <summary>Adds "power":"sleep", the readings restored at this wake and those lost to a full storage.</summary>
        public void WriteDiag(JsonWriter w)
        {
            w.Field("power", "sleep");
            w.Field("sleep_restored", Keeper.Restored);
            w.Field("sleep_dropped", Keeper.LostBeforeBoot);
        }

        private bool WorkDone(long nowMs)
        {
            if (nowMs < _stayUntilMs || !_session.IsOnline || _settleUntilMs == Never || nowMs < _settleUntilMs || _session.Outbox.Count > 0)
            {
                return false;
            }

            for (int i = 0; i < _sensors.Count; i++)
            {
                if (!((WatchedSensor)_sensors[i]).Done)
                {
                    return false;
                }
            }

            return _discovery == null || _discovery.Done;
        }

        private void BeginSleep()
        {
            _phase = SleepPhase.GoingToSleep;
            // Offline or connecting, this stops at once; online, it publishes "sleeping" and disconnects
            // after the acknowledgement (a clean disconnect, so the broker drops the will).
            _session.Shutdown(SleepingText);
        }

        private void FinishSleep(long nowMs)
        {
            _session.Outbox.RequeueInFlight();
            AwakeMs = nowMs - _wakeMs;
            long sleep = _options.IntervalMs - AwakeMs;
            long sleepMs = sleep < SleepOptions.MinSleepMs ? SleepOptions.MinSleepMs : sleep;
            // Storage losses carry over until a wake reaches the broker, where diag has reported them.
            Keeper.Save(nowMs, sleepMs, ReachedBroker);
            _phase = SleepPhase.Asleep;
            try
            {
                _sleeper.Sleep(sleepMs);
            }
            catch (Exception)
            {
                // Nothing sensible is left to do here; the shell's loop keeps the device as it is.
            }
        }
    }
}
