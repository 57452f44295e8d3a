using System;
using NanoMqtt.Core.Config;
using NanoMqtt.Core.Device;
using NanoMqtt.Core.Platform;
using NanoMqtt.Core.Tests.Device;
using NanoMqtt.Core.Sensors;
using NanoMqtt.Core.Tests.Fakes;
using NanoMqtt.Sensors;
using NanoMqtt.Sensors.Drivers;
using NanoMqtt.Sleep;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Power
{
    /// <summary>The shell's deep sleep as a test sees it: records the requests and returns.</summary>
    internal sealed class RecordingDeepSleep : IDeepSleep
    {
        public int Calls;
        public long LastMs = -1;

        /// <summary>Clock time of the last request.</summary>
        public long AtMs = -1;

        public FakeClock Clock;

        public void Sleep(long ms)
        {
            Calls++;
            LastMs = ms;
            AtMs = Clock == null ? -1 : Clock.NowMs;
        }
    }

    /// <summary>
    /// One wake of a FieldDevice in sleep mode on fakes, stepped as the shell steps it: at each wake time,
    /// and at once when the link has queued an event (the shell's wake event). Reuse the settings store in
    /// a new rig to model the next wake: a deep sleep is a reboot with only the storage kept.
    /// </summary>
    internal sealed class WakeRig : FieldDeviceRig
    {
        public readonly RecordingDeepSleep Sleeper = new RecordingDeepSleep();
        public readonly string Config;

        /// <summary>The next Boot is a power-on or reset, not a timer wake.</summary>
        public bool ColdBoot;

        public WakeRig(string config, MemorySettingsStore settings) : base(0, settings)
        {
            Config = config;
            Sleeper.Clock = Clock;
        }

        /// <summary>The wake's cycle: the sleep library's, which the rig composes.</summary>
        public SleepCycle Cycle
        {
            get { return (SleepCycle)Device.Wake; }
        }

        /// <summary>Builds the device: the boot at the start of a wake.</summary>
        public FieldDevice Boot()
        {
            return Compose(Config, Sleeper, ColdBoot, true);
        }

        /// <summary>Steps until the device sleeps or the clock reaches untilMs; true when asleep.</summary>
        public bool RunUntilAsleep(long untilMs)
        {
            int sameTime = 0;
            while (!Device.IsAsleep)
            {
                long now = Clock.NowMs;
                long next = Device.Step(now);
                if (Device.IsAsleep)
                {
                    return true;
                }

                if (Link.PendingEvents > 0 || next <= now)
                {
                    if (++sameTime > 10000)
                    {
                        throw new InvalidOperationException("hot loop at " + now + " ms");
                    }

                    continue;
                }

                sameTime = 0;
                if (next >= untilMs)
                {
                    Clock.NowMs = untilMs;
                    Device.Step(untilMs);
                    return Device.IsAsleep;
                }

                Clock.NowMs = next;
            }

            return true;
        }

        /// <summary>Steps until the clock reaches untilMs (or the device sleeps).</summary>
        public void RunUntil(long untilMs)
        {
            RunUntilAsleep(untilMs);
        }

        /// <summary>Index in the link's log of the first line equal to the text at or after from, or -1.</summary>
        public int LogIndex(string line, int from)
        {
            for (int i = from; i < Link.Log.Count; i++)
            {
                if ((string)Link.Log[i] == line)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Index in the link's log of the first line that starts with the text, at or after from, or -1.</summary>
        public int LogIndexStarting(string start, int from)
        {
            for (int i = from; i < Link.Log.Count; i++)
            {
                if (((string)Link.Log[i]).StartsWith(start))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
