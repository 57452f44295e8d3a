using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Health
{
    /// <summary>
    /// A heartbeat watchdog for the step loop. The offline reboot only works while the loop runs; a loop
    /// stuck in a driver or a native call needs a second thread: the loop calls <see cref="Beat"/> after
    /// each step, and that thread calls <see cref="Check"/>, which records the reason and reboots once the
    /// beats stop for longer than the limit. The only class of the core used from two threads, hence the lock.
    /// </summary>
    public sealed class LoopWatchdog
    {
        /// <summary>How often the watching thread looks, at most (it also looks at the limit's tenth).</summary>
        public const long MaxCheckPeriodMs = 10000;

        private readonly object _sync = new object();
        private readonly long _limitMs;
        /// <summary>False when the limit is 0: the watching thread need not run.</summary>
        public readonly bool Enabled;
        /// <summary>How long the watching thread sleeps between checks: a tenth of the limit, 1 s to <see cref="MaxCheckPeriodMs"/>.</summary>
        public readonly long CheckPeriodMs;
        private long _lastBeatMs;
        private bool _fired;

        public LoopWatchdog(long limitMs, long nowMs)
        {
            _limitMs = limitMs;
            _lastBeatMs = nowMs;
            Enabled = limitMs > 0;
            long tenth = limitMs / 10;
            CheckPeriodMs = tenth < 1000 ? 1000 : (tenth > MaxCheckPeriodMs ? MaxCheckPeriodMs : tenth);
        }

        /// <summary>The step loop is alive at nowMs.</summary>
        public void Beat(long nowMs)
        {
            lock (_sync)
            {
                _lastBeatMs = nowMs;
            }
        }

        /// <summary>
        /// Records the reason (read back as the next boot's reset reason) and reboots when the loop has
        /// stalled; returns true then, once. The step loop is stuck, so this thread writes the reason itself.
        /// </summary>
        public bool Check(long nowMs, ISettingsStore settings, IDevicePlatform platform)
        {
            string reason;
            lock (_sync)
            {
                long silent = nowMs - _lastBeatMs;
                if (_fired || _limitMs <= 0 || silent < _limitMs)
                {
                    return false;
                }

                _fired = true;
                reason = "watchdog: main loop stalled for " + (silent / 1000).ToString() + " s";
            }

            try
            {
                settings.Write(RebootKeeper.ResetReasonKey, reason);
            }
            catch (System.Exception)
            {
                // The reboot matters more than its record.
            }

            platform.Reboot();
            return true;
        }
    }
}
