using System;
using NanoMqtt.Core.Config;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Device;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>
    /// One simulated day of the device: a reading of every sensor at its interval, a command a minute
    /// (relay on, relay off), the connection lost every hour, and the broker away from hour 2 to hour 5 so
    /// that the outbox fills and then drains. The device is stepped only at the times it asks for and at the
    /// script's events, as the ESP32 shell steps it. The heap is measured once a minute, after a collection.
    /// </summary>
    internal sealed class BoardDay
    {
        private const long StartMs = 1000;
        private const long MinuteMs = 60000;
        private const long HourMs = 3600000;
        private const int Minutes = 24 * 60;
        private const int OutageStartHour = 2;
        private const int OutageEndHour = 5;

        // After the last command (minute 1440) the day runs a little longer, so that its answer is counted.
        private const long TailMs = 30000;

        // Open and close, three times an hour (ms into the hour); even entries open the door.
        private static readonly long[] DoorEdges = { 420000, 570000, 1860000, 2000000, 2880000, 2925000 };

        private readonly long _freeAtStart;
        private readonly Board _board;
        private readonly FakeClock _clock;
        private readonly BoardBroker _broker;
        private readonly BoardHardware _hardware;
        private readonly BoardPlatform _platform;
        private readonly BoardSettings _settings;
        private readonly FieldDevice _device;

        private long _steps;
        private long _samples;
        private long _usedAfterBoot = -1;
        private long _usedBeforeOutage = -1;
        private long _usedFullOutbox = -1;
        private long _usedAfterDrain = -1;
        private long _usedEnd = -1;
        private long _usedPeak;
        private long _minFree = long.MaxValue;
        private long _bootMs;
        private long _drainedAtMs = -1;
        private int _outboxPeak;
        private int _outboxAtFull;
        private int _hourlyDrops;
        private bool _outage;

        public BoardDay(DeviceConfig config, long freeAtStart)
        {
            _freeAtStart = freeAtStart;
            _board = new Board(config, StartMs);
            _clock = _board.Clock;
            _broker = _board.Broker;
            _hardware = _board.Hardware;
            _platform = _board.Platform;
            _settings = _board.Settings;
            _device = _board.Device;
        }

        public void Run()
        {
            long now = StartMs;
            long next = Step(now);
            while (_device.Supervisor.State != ConnectionState.Online && now < StartMs + MinuteMs)
            {
                now = next > now ? next : now + 1;
                _clock.Advance(now - _clock.NowMs);
                next = Step(now);
            }

            _bootMs = now - StartMs;
            _usedAfterBoot = Sample();

            long end = StartMs + Minutes * MinuteMs + TailMs;
            while (now < end)
            {
                long at = next > now ? next : now + 1;
                long script = NextScriptTime(now);
                if (script < at)
                {
                    at = script;
                }

                if (at > end)
                {
                    at = end;
                }

                now = at;
                _clock.Advance(now - _clock.NowMs);
                RunScript(now);
                next = Step(now);
            }

            _usedEnd = Sample();
        }

        public void Report()
        {
            ConnectionSupervisor supervisor = _device.Supervisor;
            long lost = _broker.GapsOtherwise + (_broker.GapsWhileDraining > supervisor.Outbox.Dropped ? _broker.GapsWhileDraining - supervisor.Outbox.Dropped : 0);
            long seqTotal = 0;
            for (int i = 0; i < Board.Streams.Length; i++)
            {
                seqTotal += _broker.LastSeq(i);
                Console.WriteLine("board: stream=" + Board.Streams[i] + " readings=" + _broker.StreamReadings(i).ToString() + " last_seq=" + _broker.LastSeq(i).ToString());
            }

            Console.WriteLine("board: free_at_start=" + _freeAtStart.ToString()
                + " used_after_boot=" + _usedAfterBoot.ToString()
                + " used_before_outage=" + _usedBeforeOutage.ToString()
                + " used_peak=" + _usedPeak.ToString()
                + " min_free=" + _minFree.ToString()
                + " used_full_outbox=" + _usedFullOutbox.ToString()
                + " used_after_drain=" + _usedAfterDrain.ToString()
                + " used_end=" + _usedEnd.ToString());
            Console.WriteLine("board: outbox_peak=" + _outboxPeak.ToString()
                + " outbox_at_full=" + _outboxAtFull.ToString()
                + " outbox_dropped=" + supervisor.Outbox.Dropped.ToString()
                + " outbox_expired=" + supervisor.Outbox.Expired.ToString()
                + " outbox_end=" + supervisor.Outbox.Count.ToString()
                + " drained_after_ms=" + (_drainedAtMs < 0 ? -1 : _drainedAtMs - (StartMs + OutageEndHour * HourMs)).ToString());
            Console.WriteLine("board: readings=" + _broker.Readings.ToString()
                + " seq_total=" + seqTotal.ToString()
                + " gaps_drain=" + _broker.GapsWhileDraining.ToString()
                + " gaps_other=" + _broker.GapsOtherwise.ToString()
                + " lost=" + lost.ToString()
                + " dup=" + _broker.Duplicates.ToString()
                + " lost_acks=" + _broker.LostAcks.ToString()
                + " hourly_drops=" + _hourlyDrops.ToString());
            Console.WriteLine("board: commands=" + _broker.CommandsIssued.ToString()
                + " delivered=" + _broker.CommandsDelivered.ToString()
                + " discarded=" + _broker.CommandsDiscarded.ToString()
                + " answered=" + _broker.Answered.ToString()
                + " answered_ok=" + _broker.AnsweredOk.ToString()
                + " answers_missing=" + _broker.AnswersMissing.ToString()
                + " answer_dup=" + _broker.AnswerDuplicates.ToString()
                + " relay_writes=" + _hardware.Relay.Writes.ToString());
            Console.WriteLine("board: steps=" + _steps.ToString()
                + " samples=" + _samples.ToString()
                + " boot_ms=" + _bootMs.ToString()
                + " publishes=" + _broker.Publishes.ToString()
                + " connects=" + _broker.Connects.ToString()
                + " refusals=" + _broker.Refusals.ToString()
                + " drops=" + _broker.Drops.ToString()
                + " reboots=" + _platform.Reboots.ToString()
                + " door_edges=" + _hardware.Door.Edges.ToString()
                + " door_overflows=" + _hardware.Door.Overflows.ToString()
                + " conversions=" + _hardware.Climate.Conversions.ToString()
                + " settings_writes=" + _settings.Writes.ToString());
        }

        private long Step(long now)
        {
            long next = _device.Step(now);
            _steps++;
            int depth = _device.Supervisor.Outbox.Count;
            if (depth > _outboxPeak)
            {
                _outboxPeak = depth;
            }

            if (_broker.Draining && depth == 0 && _device.Supervisor.State == ConnectionState.Online)
            {
                _broker.Draining = false;
                _drainedAtMs = now;
            }

            return next;
        }

        private static long NextScriptTime(long now)
        {
            long offset = now - StartMs;
            long next = StartMs + (offset / MinuteMs + 1) * MinuteMs;
            long hour = offset / HourMs * HourMs;
            for (int h = 0; h < 2; h++)
            {
                for (int i = 0; i < DoorEdges.Length; i++)
                {
                    long edge = StartMs + hour + h * HourMs + DoorEdges[i];
                    if (edge > now && edge < next)
                    {
                        next = edge;
                    }
                }
            }

            return next;
        }

        private void RunScript(long now)
        {
            long offset = now - StartMs;
            long inHour = offset % HourMs;
            for (int i = 0; i < DoorEdges.Length; i++)
            {
                if (DoorEdges[i] == inHour)
                {
                    // Pull-up: an open switch reads high.
                    _hardware.Door.Edge(i % 2 == 0, now);
                }
            }

            if (offset % MinuteMs != 0)
            {
                return;
            }

            long minute = offset / MinuteMs;
            if (minute < 1 || minute > Minutes)
            {
                return;
            }

            if (minute % 60 == 0)
            {
                Hour((int)(minute / 60));
            }

            if (_outage)
            {
                // The outbox grows through the outage: its last sample is the fullest.
                _usedFullOutbox = Sample();
                _outboxAtFull = _device.Supervisor.Outbox.Count;
            }
            else
            {
                long used = Sample();
                if (_drainedAtMs >= 0 && _usedAfterDrain < 0)
                {
                    _usedAfterDrain = used;
                }
            }

            _broker.IssueCommand();
        }

        private void Hour(int hour)
        {
            if (hour == OutageStartHour)
            {
                _usedBeforeOutage = Sample();
                _outage = true;
                _broker.BeginOutage();
            }
            else if (hour == OutageEndHour)
            {
                _outage = false;
                _broker.EndOutage();
                _broker.Draining = true;
            }
            else if (!_outage && hour < 24)
            {
                _hourlyDrops++;
                _broker.ArmDrop();
            }
        }

        /// <summary>Used heap now: a collection, then what is missing from the free heap of Main's start.</summary>
        private long Sample()
        {
            long free = nanoFramework.Runtime.Native.GC.Run(false);
            _platform.FreeHeapBytes = free;
            _samples++;
            long used = _freeAtStart - free;
            if (used > _usedPeak)
            {
                _usedPeak = used;
            }

            if (free < _minFree)
            {
                _minFree = free;
            }

            return used;
        }
    }
}
