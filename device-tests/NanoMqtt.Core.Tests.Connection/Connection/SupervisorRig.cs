using System;
using System.Collections;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;

namespace NanoMqtt.Core.Tests.Connection
{
    /// <summary>
    /// A supervisor wired to fakes, and a step loop that behaves like the shell's: it sleeps until the
    /// wake time Step returns, but wakes at once when the link has queued an event. Tweak the fakes and
    /// <see cref="Options"/>, then <see cref="Build"/>. Time only moves through <see cref="RunUntil"/>.
    /// </summary>
    public sealed class SupervisorRig
    {
        public const string HostA = "broker-a";
        public const string HostB = "broker-b";

        public readonly FakeClock Clock = new FakeClock(0);
        public readonly FakeMqttLink Link = new FakeMqttLink();
        public readonly FakeNetworkLink Network = new FakeNetworkLink(true);
        public readonly MemorySettingsStore Settings = new MemorySettingsStore();
        public readonly FakeDevicePlatform Platform = new FakeDevicePlatform();
        public readonly Topics Topics = new Topics("nanomqtt", "dev1");
        public readonly SupervisorOptions Options = new SupervisorOptions();
        public readonly RecordingSink Sink = new RecordingSink();
        public readonly RecordingObserver Observer = new RecordingObserver();

        /// <summary>Clock time of each BeginConnect, in order.</summary>
        public readonly ArrayList AttemptTimes = new ArrayList();

        public FakeJitter Jitter = FakeJitter.Seeded(42);
        public ConnectionSupervisor Supervisor;
        public DiagPublisher Diag;
        public int Steps;

        public SupervisorRig()
        {
            Options.Endpoints = new BrokerEndpoint[] { new BrokerEndpoint(HostA, 1883, false) };
        }

        /// <summary>Builds the supervisor (subscribed to the command filter at QoS 1) with the sink and observer attached.</summary>
        public ConnectionSupervisor Build()
        {
            Supervisor = new ConnectionSupervisor(Options, Link, Network, Clock, Jitter, new RebootKeeper(Settings, Platform), Topics, new string[] { Topics.CommandFilter }, new int[] { 1 });
            Supervisor.MessageSink = Sink;
            Supervisor.AddObserver(Observer);
            return Supervisor;
        }

        /// <summary>Steps until the clock reaches untilMs (the clock ends there).</summary>
        public void RunUntil(long untilMs)
        {
            int sameTime = 0;
            while (true)
            {
                long now = Clock.NowMs;
                int attemptsBefore = Link.ConnectRequests.Count;
                long next = Supervisor.Step(now);
                if (Diag != null)
                {
                    long d = Diag.Step(now);
                    next = d < next ? d : next;
                }

                Steps++;
                for (int i = attemptsBefore; i < Link.ConnectRequests.Count; i++)
                {
                    AttemptTimes.Add(now);
                }

                if ((Link.PendingEvents > 0 && Supervisor.State != ConnectionState.Stopped) || next <= now)
                {
                    if (++sameTime > 10000)
                    {
                        throw new InvalidOperationException("hot loop: 10000 steps at " + now + " ms");
                    }

                    continue;
                }

                sameTime = 0;
                if (next > untilMs)
                {
                    if (untilMs > now)
                    {
                        Clock.NowMs = untilMs;
                    }

                    return;
                }

                Clock.NowMs = next;
            }
        }

        public void RunFor(long ms)
        {
            RunUntil(Clock.NowMs + ms);
        }

        /// <summary>Steps until online or until limitMs; true when online.</summary>
        public bool RunUntilOnline(long limitMs)
        {
            while (!Supervisor.IsOnline && Clock.NowMs < limitMs)
            {
                long target = Clock.NowMs + 50;
                RunUntil(target < limitMs ? target : limitMs);
            }

            return Supervisor.IsOnline;
        }

        /// <summary>The attempt time at index i.</summary>
        public long AttemptTime(int i)
        {
            return (long)AttemptTimes[i];
        }
    }
}
