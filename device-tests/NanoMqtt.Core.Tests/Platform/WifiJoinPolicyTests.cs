using NanoMqtt.Core.Config;
using NanoMqtt.Core.Platform;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Platform
{
    /// <summary>WifiJoinPolicy: one join, then the ESP32's own reconnect, and a new join only after [wifi] rejoin_after down.</summary>
    [TestClass]
    public class WifiJoinPolicyTests
    {
        private const long Boot = 1000;
        private const long RejoinMs = 300000;

        [TestMethod]
        public void JoinsAtOnceUntilAJoinHasSucceeded()
        {
            var clock = new FakeClock(Boot);
            var policy = new WifiJoinPolicy(clock, RejoinMs, false);
            long next;
            Assert.IsTrue(policy.Step(out next));
            Assert.AreEqual(Boot, next);

            // The join failed: the next request (paced by the supervisor's backoff) joins again.
            policy.LinkChanged(false);
            clock.Advance(2000);
            Assert.IsTrue(policy.Step(out next));
            Assert.IsFalse(policy.JoinedOnce);
        }

        [TestMethod]
        public void NoJoinWhileTheLinkIsUp()
        {
            var clock = new FakeClock(Boot);
            var policy = new WifiJoinPolicy(clock, RejoinMs, false);
            policy.LinkChanged(true);
            long next;
            Assert.IsFalse(policy.Step(out next));
            Assert.AreEqual(long.MaxValue, next);
            Assert.IsTrue(policy.JoinedOnce);
        }

        [TestMethod]
        public void AfterADropWaitsForTheNativeReconnect()
        {
            var clock = new FakeClock(Boot);
            var policy = new WifiJoinPolicy(clock, RejoinMs, false);
            long next;
            Assert.IsTrue(policy.Step(out next));
            policy.LinkChanged(true);

            clock.Advance(60000);
            long dropMs = clock.NowMs;
            policy.LinkChanged(false);
            clock.Advance(1000);
            Assert.IsFalse(policy.Step(out next));
            Assert.AreEqual(dropMs + RejoinMs, next);

            // The ESP32 brought the link back by itself: nothing to do, and the wait starts afresh at the next drop.
            clock.Advance(120000);
            policy.LinkChanged(true);
            Assert.IsFalse(policy.Step(out next));
            clock.Advance(1000);
            policy.LinkChanged(false);
            clock.Advance(RejoinMs - 1);
            Assert.IsFalse(policy.Step(out next));
            Assert.AreEqual(clock.NowMs + 1, next);
        }

        [TestMethod]
        public void RejoinsAfterTheBoundAndThenWaitsAWholeBoundAgain()
        {
            var clock = new FakeClock(Boot);
            var policy = new WifiJoinPolicy(clock, RejoinMs, false);
            policy.LinkChanged(true);
            policy.LinkChanged(false);

            clock.Advance(RejoinMs);
            long next;
            Assert.IsTrue(policy.Step(out next));
            Assert.AreEqual(clock.NowMs + RejoinMs, next);

            // That join failed too: no flash write per retry, one per bound.
            policy.LinkChanged(false);
            clock.Advance(RejoinMs - 1);
            Assert.IsFalse(policy.Step(out next));
            clock.Advance(1);
            Assert.IsTrue(policy.Step(out next));
        }

        [TestMethod]
        public void RepeatedDownEventsDoNotRestartTheWait()
        {
            var clock = new FakeClock(Boot);
            var policy = new WifiJoinPolicy(clock, RejoinMs, false);
            policy.LinkChanged(true);
            policy.LinkChanged(false);
            clock.Advance(RejoinMs / 2);
            policy.LinkChanged(false);
            clock.Advance(RejoinMs / 2);
            long next;
            Assert.IsTrue(policy.Step(out next));
        }

        [TestMethod]
        public void StoredProfileWaitsForTheNativeJoinAtBoot()
        {
            var clock = new FakeClock(Boot);
            var policy = new WifiJoinPolicy(clock, RejoinMs, true);
            long next;
            Assert.IsFalse(policy.Step(out next));
            Assert.AreEqual(Boot + RejoinMs, next);

            policy.LinkChanged(true);
            Assert.IsFalse(policy.Step(out next));
        }

        [TestMethod]
        public void StoredProfileThatNeverJoinsIsJoinedAfterTheBound()
        {
            var clock = new FakeClock(Boot);
            var policy = new WifiJoinPolicy(clock, RejoinMs, true);
            clock.Advance(RejoinMs);
            long next;
            Assert.IsTrue(policy.Step(out next));
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void ZeroJoinsAtEveryRequest(bool storedProfile)
        {
            var clock = new FakeClock(Boot);
            var policy = new WifiJoinPolicy(clock, 0, storedProfile);
            policy.LinkChanged(true);
            policy.LinkChanged(false);
            long next;
            Assert.IsTrue(policy.Step(out next));
            Assert.IsTrue(policy.Step(out next));
        }

        [TestMethod]
        public void ConfigDefaultsToFiveMinutes()
        {
            string error;
            DeviceConfig c = DeviceConfig.Parse("[device]\nid = dev1\n", null, out error);
            Assert.IsNull(error, error);
            Assert.AreEqual(WifiJoinPolicy.DefaultRejoinAfterMs, c.WifiRejoinAfterMs);
            Assert.AreEqual(300000L, c.WifiRejoinAfterMs);
        }

        [TestMethod]
        [DataRow("2m", 120000L)]
        [DataRow("0", 0L)]
        [DataRow("1d", 86400000L)]
        public void ConfigReadsRejoinAfter(string text, long ms)
        {
            string error;
            DeviceConfig c = DeviceConfig.Parse("[device]\nid = dev1\n[wifi]\nssid = net\nrejoin_after = " + text + "\n", null, out error);
            Assert.IsNull(error, error);
            Assert.AreEqual(ms, c.WifiRejoinAfterMs);
        }

        [TestMethod]
        [DataRow("2d")]
        [DataRow("soon")]
        public void ConfigRejectsABadRejoinAfter(string text)
        {
            string error;
            Assert.IsNull(DeviceConfig.Parse("[device]\nid = dev1\n[wifi]\nssid = net\nrejoin_after = " + text + "\n", null, out error));
            Assert.IsTrue(error.IndexOf("rejoin_after") >= 0, error);
        }
    }
}
