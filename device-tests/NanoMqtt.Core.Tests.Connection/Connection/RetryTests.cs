using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Connection
{
    [TestClass]
    public class RetryTests
    {
        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        public void CostlyFailuresBackOffExponentially(int kind)
        {
            LinkFailure failure = kind == 0 ? LinkFailure.BrokerRefused : kind == 1 ? LinkFailure.TlsFailure : LinkFailure.ProtocolError;
            var rig = new SupervisorRig();
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Link.ConnectFailure = failure;
            rig.Build();
            rig.RunUntil(200000);
            long[] expected = { 0, 1000, 3000, 7000, 15000, 31000, 63000, 123000, 183000 };
            Assert.AreEqual(expected.Length, rig.AttemptTimes.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], rig.AttemptTime(i), "attempt " + i);
            }

            Assert.AreEqual(failure, rig.Supervisor.Stats.LastFailure);
            Assert.AreEqual(243000L, rig.Supervisor.NextAttemptMs);
        }

        [TestMethod]
        public void RefusedConnectsGrowToTheWindowThenProbeOncePerWindow()
        {
            var rig = new SupervisorRig();
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Link.ConnectFailure = LinkFailure.Refused;
            rig.Build();
            rig.RunUntil(100000);
            // Full jitter up to 1, 2, 4, 8 s, one draw over the whole 15 s window, then one window plus at most
            // an eighth of it: a refusal costs the broker nothing, so the wait never grows past the window.
            long[] expected = { 0, 1000, 3000, 7000, 15000, 30000, 46875, 63750, 80625, 97500 };
            Assert.AreEqual(expected.Length, rig.AttemptTimes.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], rig.AttemptTime(i), "attempt " + i);
            }

            Assert.AreEqual(LinkFailure.Refused, rig.Supervisor.Stats.LastFailure);
            Assert.AreEqual(114375L, rig.Supervisor.NextAttemptMs);
        }

        [TestMethod]
        [DataRow(99, 0)]
        [DataRow(5, 1)]
        public void AuthFailuresBackOffAndNeverHotLoop(int seed, int kind)
        {
            LinkFailure failure = kind == 0 ? LinkFailure.BadCredentials : LinkFailure.NotAuthorized;
            var rig = new SupervisorRig();
            rig.Jitter = FakeJitter.Seeded(seed);
            rig.Link.ConnectFailure = failure;
            rig.Build();
            const long TenMinutes = 600000;
            rig.RunUntil(TenMinutes);

            // What the backoff allows: the first attempt at once, then one per drawn delay.
            var replay = new Backoff(new BackoffOptions(), FakeJitter.Seeded(seed));
            int allowed = 1;
            long t = replay.NextDelayMs();
            while (t <= TenMinutes)
            {
                allowed++;
                t += replay.NextDelayMs();
            }

            Assert.AreEqual(allowed, rig.Link.ConnectRequests.Count, "attempts in 10 minutes");
            Assert.IsTrue(allowed <= 40, "the backoff itself allows only a few dozen attempts, not " + allowed);
            for (int i = 1; i < rig.AttemptTimes.Count; i++)
            {
                Assert.IsTrue(rig.AttemptTime(i) - rig.AttemptTime(i - 1) >= 250, "attempts " + (i - 1) + " and " + i + " are too close");
            }

            Assert.AreEqual(failure, rig.Supervisor.Stats.LastFailure, "the auth failure is reported as itself");
        }

        [TestMethod]
        public void EvenAZeroJitterCannotMakeAHotLoop()
        {
            var rig = new SupervisorRig();
            rig.Jitter = FakeJitter.AlwaysZero();
            rig.Link.ConnectFailure = LinkFailure.BadCredentials;
            rig.Build();
            rig.RunUntil(10000);
            Assert.IsTrue(rig.Link.ConnectRequests.Count <= 10000 / 250 + 1, "at most one attempt per backoff floor");
        }

        [TestMethod]
        public void StablePeriodOnlineResetsTheBackoff()
        {
            var rig = new SupervisorRig();
            rig.Jitter = FakeJitter.AlwaysMax();
            // Without the session-loss spread, so that the first retry shows the bare base ceiling.
            rig.Options.Backoff.SessionLossSpreadMs = 0;
            rig.Link.ConnectFailure = LinkFailure.BrokerRefused;
            rig.Build();
            rig.RunUntil(20000);
            Assert.AreEqual(5, rig.Supervisor.Backoff.Failures);
            rig.Link.ConnectFailure = LinkFailure.None;
            Assert.IsTrue(rig.RunUntilOnline(40000));
            Assert.AreEqual(31000L, rig.Supervisor.OnlineSinceMs);

            rig.RunUntil(31000 + 59999);
            Assert.AreEqual(5, rig.Supervisor.Backoff.Failures, "not stable yet");
            rig.RunUntil(31000 + 60000);
            Assert.AreEqual(0, rig.Supervisor.Backoff.Failures, "stable: back to the base");

            long dropAt = rig.Clock.NowMs;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunFor(5000);
            Assert.AreEqual(dropAt + 1000, rig.AttemptTime(rig.AttemptTimes.Count - 1), "first retry within the base delay");
        }

        [TestMethod]
        public void ShortSessionsKeepTheBackoffGrowing()
        {
            var rig = new SupervisorRig();
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Link.ConnectFailure = LinkFailure.BrokerRefused;
            rig.Build();
            rig.RunUntil(20000);
            rig.Link.ConnectFailure = LinkFailure.None;
            rig.RunUntilOnline(40000);
            rig.RunFor(10000);
            long dropAt = rig.Clock.NowMs;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunFor(1);
            // A broker that accepts and drops again must not be hammered: the ceiling kept growing.
            Assert.AreEqual(dropAt + 32000, rig.Supervisor.NextAttemptMs);
        }

        [TestMethod]
        public void LinkUpBringsTheNextAttemptForward()
        {
            var rig = new SupervisorRig();
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Link.ConnectFailure = LinkFailure.BrokerRefused;
            rig.Build();
            rig.RunUntil(200000);
            Assert.AreEqual(243000L, rig.Supervisor.NextAttemptMs);

            rig.Network.IsUp = false;
            rig.RunUntil(201000);
            Assert.AreEqual(ConnectionState.WifiDown, rig.Supervisor.State);
            rig.Link.ConnectFailure = LinkFailure.None;
            rig.Network.IsUp = true;
            int before = rig.AttemptTimes.Count;
            rig.RunUntil(203000);
            Assert.AreEqual(before + 1, rig.AttemptTimes.Count);
            long attempt = rig.AttemptTime(before);
            Assert.IsTrue(attempt >= 201000 && attempt <= 201500, "attempt at " + attempt + " is not within the link-up jitter");
            Assert.IsTrue(rig.Supervisor.IsOnline);
        }

        [TestMethod]
        [DataRow(true, 15000L)]
        [DataRow(false, 250L)]
        public void ALostSessionSpreadsTheFirstRetryOverFifteenSeconds(bool slowest, long expectedDelay)
        {
            var rig = new SupervisorRig();
            rig.Jitter = slowest ? FakeJitter.AlwaysMax() : FakeJitter.AlwaysZero();
            rig.Build();
            Assert.IsTrue(rig.RunUntilOnline(1000));
            long dropAt = rig.Clock.NowMs;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunFor(1);
            // A broker restart drops the whole fleet at once: drawn from [250 ms, 15 s], well under a tenth of the
            // fleet comes back per second instead of all of it within the base second.
            Assert.AreEqual(dropAt + expectedDelay, rig.Supervisor.NextAttemptMs);
        }

        [TestMethod]
        public void CostlyRetriesAfterALostSessionGrowFromTheSpread()
        {
            var rig = new SupervisorRig();
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Build();
            Assert.IsTrue(rig.RunUntilOnline(1000));
            long dropAt = rig.Clock.NowMs;
            rig.Link.ConnectFailure = LinkFailure.BrokerRefused;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunUntil(dropAt + 15000 + 30000 + 60000 + 1);
            // The broker answers but refuses: the retries widen from the 15 s spread, not from the 1 s base.
            Assert.AreEqual(dropAt + 15000, rig.AttemptTime(rig.AttemptTimes.Count - 3));
            Assert.AreEqual(dropAt + 45000, rig.AttemptTime(rig.AttemptTimes.Count - 2));
            Assert.AreEqual(dropAt + 105000, rig.AttemptTime(rig.AttemptTimes.Count - 1));
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void RefusedRetriesAfterALostSessionKeepOnePerWindow(bool slowest)
        {
            var rig = new SupervisorRig();
            rig.Jitter = slowest ? FakeJitter.AlwaysMax() : FakeJitter.AlwaysZero();
            rig.Build();
            Assert.IsTrue(rig.RunUntilOnline(1000));
            long dropAt = rig.Clock.NowMs;
            rig.Link.ConnectFailure = LinkFailure.Refused;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunUntil(dropAt + 120000);
            // Nobody listens: each probe is one window (15 s, plus up to 1.875 s) after the last, however long the
            // broker stays down, so the device keeps the phase its first draw gave it within the fleet's window.
            long first = slowest ? 15000 : 250;
            long period = slowest ? 16875 : 15000;
            Assert.AreEqual(dropAt + first, rig.AttemptTime(1));
            for (int i = 2; i < rig.AttemptTimes.Count; i++)
            {
                Assert.AreEqual(period, rig.AttemptTime(i) - rig.AttemptTime(i - 1), "probe " + i);
            }

            Assert.IsTrue(rig.AttemptTimes.Count >= 8, "probing goes on: " + rig.AttemptTimes.Count + " attempts");
            rig.Link.ConnectFailure = LinkFailure.None;
            long upAt = rig.Clock.NowMs;
            Assert.IsTrue(rig.RunUntilOnline(upAt + period + 1));
            Assert.IsTrue(rig.Supervisor.OnlineSinceMs - upAt <= period, "back within one probe period of the broker's return");
        }

        [TestMethod]
        public void TheSpreadNeverExceedsTheCap()
        {
            var rig = new SupervisorRig();
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Options.Backoff.CapMs = 4000;
            rig.Build();
            Assert.IsTrue(rig.RunUntilOnline(1000));
            long dropAt = rig.Clock.NowMs;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunFor(1);
            Assert.AreEqual(dropAt + 4000, rig.Supervisor.NextAttemptMs);
        }

        [TestMethod]
        public void AnAttemptAlreadyDueWhenWifiReturnsStillGetsTheLinkUpJitter()
        {
            var rig = new SupervisorRig();
            // 0: connect at boot; 300: the retry after the broker drops; 400: the link-up jitter.
            rig.Jitter = FakeJitter.Scripted(new int[] { 0, 300, 400 });
            rig.Options.Backoff.SessionLossSpreadMs = 0;
            rig.Build();
            Assert.IsTrue(rig.RunUntilOnline(1000));
            long dropAt = rig.Clock.NowMs;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunFor(100);
            rig.Network.IsUp = false;
            rig.RunUntil(dropAt + 5000);
            Assert.AreEqual(ConnectionState.WifiDown, rig.Supervisor.State);
            Assert.IsTrue(rig.Supervisor.NextAttemptMs < dropAt + 5000, "the retry fell due while Wi-Fi was down");

            int before = rig.AttemptTimes.Count;
            rig.Network.IsUp = true;
            rig.RunUntil(dropAt + 7000);
            Assert.AreEqual(before + 1, rig.AttemptTimes.Count);
            Assert.AreEqual(dropAt + 5000 + 400, rig.AttemptTime(before));
        }

        [TestMethod]
        public void LinkUpJitterIsDrawnFromTheSource()
        {
            var rig = new SupervisorRig();
            rig.Jitter = FakeJitter.Scripted(new int[] { 123 });
            rig.Network.IsUp = false;
            rig.Build();
            rig.RunUntil(5000);
            rig.Network.IsUp = true;
            rig.RunUntil(10000);
            Assert.AreEqual(1, rig.AttemptTimes.Count);
            Assert.AreEqual(5000L + 123, rig.AttemptTime(0));
        }

        [TestMethod]
        public void FailsOverAfterThreeFailuresAndWrapsToTheFirst()
        {
            var rig = new SupervisorRig();
            rig.Options.Endpoints = new BrokerEndpoint[] { new BrokerEndpoint(SupervisorRig.HostA, 1883, false), new BrokerEndpoint(SupervisorRig.HostB, 8883, true) };
            rig.Jitter = FakeJitter.AlwaysMax();
            // Not Refused: that one moves on at once (RefusedMovesToTheNextBrokerAtOnce).
            rig.Link.ConnectFailure = LinkFailure.Timeout;
            rig.Clock.UnixSeconds = 1767225600;
            rig.Build();
            while (rig.Link.ConnectRequests.Count < 7)
            {
                rig.RunFor(1000);
            }

            string[] hosts = { "broker-a", "broker-a", "broker-a", "broker-b", "broker-b", "broker-b", "broker-a" };
            for (int i = 0; i < hosts.Length; i++)
            {
                ConnectRequest r = (ConnectRequest)rig.Link.ConnectRequests[i];
                Assert.AreEqual(hosts[i], r.Host, "attempt " + i);
                Assert.AreEqual(r.Host == "broker-b", r.UseTls, "TLS follows the endpoint");
            }

            Assert.AreEqual(2, rig.Supervisor.Stats.Failovers);
            rig.Link.ConnectFailure = LinkFailure.None;
            Assert.IsTrue(rig.RunUntilOnline(rig.Clock.NowMs + 120000));
            Assert.AreEqual("broker-a:1883", rig.Supervisor.CurrentEndpoint.ToString());
        }

        [TestMethod]
        public void SuccessClearsTheFailoverCount()
        {
            var rig = new SupervisorRig();
            rig.Options.Endpoints = new BrokerEndpoint[] { new BrokerEndpoint(SupervisorRig.HostA, 1883, false), new BrokerEndpoint(SupervisorRig.HostB, 1883, false) };
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Link.ConnectFailure = LinkFailure.BrokerRefused;
            rig.Build();
            rig.RunUntil(2000);
            Assert.AreEqual(2, rig.Link.ConnectRequests.Count);
            rig.Link.ConnectFailure = LinkFailure.None;
            rig.RunUntilOnline(10000);
            rig.Link.ConnectFailure = LinkFailure.BrokerRefused;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            int before = rig.Link.ConnectRequests.Count;
            while (rig.Link.ConnectRequests.Count < before + 2)
            {
                rig.RunFor(1000);
            }

            // Two more failures: not three in a row, because the session in between counted as a success.
            Assert.AreEqual("broker-a", rig.Link.LastConnectRequest.Host);
            Assert.AreEqual(0, rig.Supervisor.Stats.Failovers);
        }

        [TestMethod]
        public void RefusedMovesToTheNextBrokerAtOnce()
        {
            var rig = new SupervisorRig();
            rig.Options.Endpoints = new BrokerEndpoint[] { new BrokerEndpoint(SupervisorRig.HostA, 1883, false), new BrokerEndpoint(SupervisorRig.HostB, 1883, false) };
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Link.ConnectFailure = LinkFailure.Refused;
            rig.Build();
            rig.RunUntil(16000);

            // B is tried within the base after A refused; only a round refused by both waits, and that wait
            // grows as with one broker (1, 2, 4 s here, up to the window).
            string[] hosts = { "broker-a", "broker-b", "broker-a", "broker-b", "broker-a", "broker-b", "broker-a", "broker-b" };
            long[] times = { 0, 1000, 2000, 3000, 5000, 6000, 10000, 11000 };
            Assert.AreEqual(hosts.Length, rig.Link.ConnectRequests.Count);
            for (int i = 0; i < hosts.Length; i++)
            {
                Assert.AreEqual(hosts[i], ((ConnectRequest)rig.Link.ConnectRequests[i]).Host, "attempt " + i);
                Assert.AreEqual(times[i], rig.AttemptTime(i), "attempt " + i);
            }

            Assert.AreEqual(8, rig.Supervisor.Stats.Failovers);
        }

        [TestMethod]
        public void RefusedCountsLikeAnyFailureWhenFailoverOnRefusedIsOff()
        {
            var rig = new SupervisorRig();
            rig.Options.Endpoints = new BrokerEndpoint[] { new BrokerEndpoint(SupervisorRig.HostA, 1883, false), new BrokerEndpoint(SupervisorRig.HostB, 1883, false) };
            rig.Options.FailoverOnRefused = false;
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Link.ConnectFailure = LinkFailure.Refused;
            rig.Build();
            rig.RunUntil(8000);
            string[] hosts = { "broker-a", "broker-a", "broker-a", "broker-b" };
            Assert.AreEqual(hosts.Length, rig.Link.ConnectRequests.Count);
            for (int i = 0; i < hosts.Length; i++)
            {
                Assert.AreEqual(hosts[i], ((ConnectRequest)rig.Link.ConnectRequests[i]).Host, "attempt " + i);
            }
        }

        [TestMethod]
        public void AStoppedClusterNodeIsLeftAfterOneRefusal()
        {
            // Online on node A; A stops. Its one refused retry, drawn within the session-loss window, sends the
            // device to B within the base: 15 s + 1 s with the defaults and the longest draws.
            var rig = new SupervisorRig();
            rig.Options.Endpoints = new BrokerEndpoint[] { new BrokerEndpoint(SupervisorRig.HostA, 1883, false), new BrokerEndpoint(SupervisorRig.HostB, 1883, false) };
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Build();
            Assert.IsTrue(rig.RunUntilOnline(5000));
            long lostAt = rig.Clock.NowMs;
            rig.Link.ConnectFailure = LinkFailure.Refused;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            while (rig.Link.ConnectRequests.Count < 2)
            {
                rig.RunFor(1000);
            }

            Assert.AreEqual("broker-a", rig.Link.LastConnectRequest.Host);
            rig.Link.ConnectFailure = LinkFailure.None;
            Assert.IsTrue(rig.RunUntilOnline(lostAt + 60000));
            Assert.AreEqual("broker-b", rig.Link.LastConnectRequest.Host);
            Assert.AreEqual(3, rig.Link.ConnectRequests.Count);
            Assert.AreEqual(lostAt + 15000, rig.AttemptTime(1));
            Assert.AreEqual(lostAt + 15000 + 1000, rig.AttemptTime(2));
        }

        [TestMethod]
        public void ARoundRefusedByEveryBrokerWaitsAWindow()
        {
            var rig = new SupervisorRig();
            rig.Options.Endpoints = new BrokerEndpoint[] { new BrokerEndpoint(SupervisorRig.HostA, 1883, false), new BrokerEndpoint(SupervisorRig.HostB, 1883, false), new BrokerEndpoint("broker-c", 1883, false) };
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Build();
            Assert.IsTrue(rig.RunUntilOnline(1000));
            long lostAt = rig.Clock.NowMs;
            rig.Link.ConnectFailure = LinkFailure.Refused;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunUntil(lostAt + 60000);
            // The whole cluster is down: A after the spread, B and C within the base each, then a window.
            string[] hosts = { "broker-a", "broker-a", "broker-b", "broker-c", "broker-a", "broker-b", "broker-c", "broker-a", "broker-b", "broker-c" };
            long[] after = { -1, 15000, 16000, 17000, 33875, 34875, 35875, 52750, 53750, 54750 };
            Assert.AreEqual(hosts.Length, rig.Link.ConnectRequests.Count);
            for (int i = 1; i < hosts.Length; i++)
            {
                Assert.AreEqual(hosts[i], ((ConnectRequest)rig.Link.ConnectRequests[i]).Host, "attempt " + i);
                Assert.AreEqual(lostAt + after[i], rig.AttemptTime(i), "attempt " + i);
            }
        }

        [TestMethod]
        public void ACostlyFailureOnTheNextBrokerBacksOff()
        {
            // A refuses; B accepts the CONNECT and then fails it (an unmirrored session whose queue is gone).
            var rig = new SupervisorRig();
            rig.Options.Endpoints = new BrokerEndpoint[] { new BrokerEndpoint(SupervisorRig.HostA, 1883, false), new BrokerEndpoint(SupervisorRig.HostB, 1883, false) };
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Build();
            Assert.IsTrue(rig.RunUntilOnline(1000));
            long lostAt = rig.Clock.NowMs;
            rig.Link.RefusedHost = SupervisorRig.HostA;
            rig.Link.ConnectFailure = LinkFailure.BrokerRefused;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunUntil(lostAt + 16001);
            Assert.AreEqual("broker-b", rig.Link.LastConnectRequest.Host);
            Assert.AreEqual(LinkFailure.BrokerRefused, rig.Supervisor.Stats.LastFailure);
            // The ceiling grew from the 15 s window with the session-loss draw: B's failure waits up to 30 s.
            Assert.AreEqual(lostAt + 16000 + 30000, rig.Supervisor.NextAttemptMs);
        }

        [TestMethod]
        public void HungConnectIsAbandonedAtTheTimeout()
        {
            var rig = new SupervisorRig();
            rig.Link.AutoConnect = false;
            rig.Build();
            rig.RunUntil(9999);
            Assert.AreEqual(ConnectionState.Connecting, rig.Supervisor.State);
            Assert.AreEqual(0, rig.Link.AbortCount);

            rig.RunUntil(10000);
            Assert.AreEqual(1, rig.Link.AbortCount, "the hung client is aborted");
            Assert.AreEqual(LinkFailure.Timeout, rig.Supervisor.Stats.LastFailure);
            Assert.AreEqual(ConnectionState.WifiUp, rig.Supervisor.State);
            Assert.IsTrue(rig.Supervisor.NextAttemptMs > 10000, "retries after a backoff");

            // The abandoned attempt answering late must not bring the device online.
            rig.Link.CompleteConnect(false);
            rig.RunFor(1);
            Assert.IsFalse(rig.Supervisor.IsOnline);

            rig.RunUntil(rig.Supervisor.NextAttemptMs);
            Assert.AreEqual(2, rig.Supervisor.Stats.ConnectAttempts, "and tries again");
        }

        [TestMethod]
        public void SubscribeWithoutAnswerTimesOut()
        {
            var rig = new SupervisorRig();
            rig.Link.AutoSubAck = false;
            rig.Build();
            rig.RunUntil(SupervisorOptions.SubscribeTimeoutMs - 1);
            Assert.AreEqual(ConnectionState.Connected, rig.Supervisor.State);
            rig.RunUntil(SupervisorOptions.SubscribeTimeoutMs);
            Assert.AreEqual(LinkFailure.Timeout, rig.Supervisor.Stats.LastFailure);
            Assert.AreEqual(1, rig.Link.AbortCount);
            Assert.AreEqual(0, rig.Link.PublishCountOn("nanomqtt/dev1/status"), "no birth without a subscription");
        }

        [TestMethod]
        public void NetworkDownAsksForTheLinkWithBackoff()
        {
            var rig = new SupervisorRig();
            rig.Jitter = FakeJitter.AlwaysMax();
            rig.Network.IsUp = false;
            rig.Build();
            rig.RunUntil(600000);
            // Requests at 0, 1, 3, 7, 15, 31, 63 s, then every 60 s up to 543 s.
            Assert.AreEqual(15, rig.Network.RequestUpCount);
            Assert.AreEqual(0, rig.Link.ConnectRequests.Count, "no broker attempt without a network");
            Assert.AreEqual(ConnectionState.WifiDown, rig.Supervisor.State);
        }

        [TestMethod]
        public void WifiDropWhileOnlineAbortsAndRecoversOnLinkUp()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.Network.IsUp = false;
            rig.RunFor(1000);
            Assert.AreEqual(ConnectionState.WifiDown, rig.Supervisor.State);
            Assert.AreEqual(1, rig.Link.AbortCount);
            Assert.AreEqual(LinkFailure.NetworkDown, rig.Supervisor.Stats.LastDisconnect);
            Assert.AreEqual("offline network_down", (string)rig.Observer.Log[1]);
            Assert.IsTrue(rig.Network.RequestUpCount >= 1);

            long upAt = rig.Clock.NowMs;
            rig.Network.IsUp = true;
            Assert.IsTrue(rig.RunUntilOnline(upAt + 501));
            Assert.AreEqual(1, rig.Supervisor.Stats.Reconnects);
        }
    }
}
