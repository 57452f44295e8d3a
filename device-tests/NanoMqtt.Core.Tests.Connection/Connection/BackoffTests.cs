using NanoMqtt.Core.Config;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Connection
{
    [TestClass]
    public class BackoffTests
    {
        [TestMethod]
        public void CeilingDoublesFromTheBaseUpToTheCap()
        {
            var backoff = new Backoff(new BackoffOptions(), FakeJitter.AlwaysMax());
            long[] expected = { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], backoff.CeilingMs, "ceiling before failure " + i);
                Assert.AreEqual(expected[i], backoff.NextDelayMs(), "delay " + i + " with the largest jitter");
            }

            Assert.AreEqual(expected.Length, backoff.Failures);
        }

        [TestMethod]
        public void SeededJitterStaysWithinFloorAndCeiling()
        {
            var options = new BackoffOptions();
            var backoff = new Backoff(options, FakeJitter.Seeded(7));
            long distinct = -1;
            bool varied = false;
            for (int i = 0; i < 200; i++)
            {
                long ceiling = backoff.CeilingMs;
                long delay = backoff.NextDelayMs();
                Assert.IsTrue(delay >= BackoffOptions.MinDelayMs, "delay " + i + " = " + delay + " is below the floor");
                Assert.IsTrue(delay <= ceiling, "delay " + i + " = " + delay + " is above its ceiling " + ceiling);
                Assert.IsTrue(delay <= options.CapMs, "delay " + i + " is above the cap");
                if (distinct >= 0 && delay != distinct)
                {
                    varied = true;
                }

                distinct = delay;
            }

            Assert.IsTrue(varied, "full jitter must spread the delays");
        }

        [TestMethod]
        public void SameSeedReplaysTheSameSequence()
        {
            var a = new Backoff(new BackoffOptions(), FakeJitter.Seeded(1234));
            var b = new Backoff(new BackoffOptions(), FakeJitter.Seeded(1234));
            for (int i = 0; i < 30; i++)
            {
                Assert.AreEqual(a.NextDelayMs(), b.NextDelayMs(), "delay " + i);
            }
        }

        [TestMethod]
        public void ZeroJitterNeverGivesAZeroDelay()
        {
            var options = new BackoffOptions();
            var backoff = new Backoff(options, FakeJitter.AlwaysZero());
            for (int i = 0; i < 20; i++)
            {
                Assert.AreEqual((long)BackoffOptions.MinDelayMs, backoff.NextDelayMs());
            }
        }

        [TestMethod]
        public void ResetStartsAgainFromTheBase()
        {
            var backoff = new Backoff(new BackoffOptions(), FakeJitter.AlwaysMax());
            for (int i = 0; i < 10; i++)
            {
                backoff.NextDelayMs();
            }

            Assert.AreEqual(60000L, backoff.CeilingMs);
            backoff.Reset();
            Assert.AreEqual(0, backoff.Failures);
            Assert.AreEqual(1000L, backoff.NextDelayMs());
        }

        [TestMethod]
        [DataRow(500, 10000, 3)]
        [DataRow(2000, 30000, 1)]
        public void HonoursBaseCapAndMultiplier(int baseMs, int capMs, int multiplier)
        {
            var options = new BackoffOptions();
            options.BaseMs = baseMs;
            options.CapMs = capMs;
            options.Multiplier = multiplier;
            var backoff = new Backoff(options, FakeJitter.AlwaysMax());
            long expected = baseMs;
            for (int i = 0; i < 12; i++)
            {
                Assert.AreEqual(expected, backoff.NextDelayMs(), "delay " + i);
                expected = expected * multiplier > capMs ? capMs : expected * multiplier;
            }
        }

        [TestMethod]
        public void RefusalsGrowToTheWindowAndThenHoldIt()
        {
            var backoff = new Backoff(new BackoffOptions(), FakeJitter.AlwaysMax());
            long[] expected = { 1000, 2000, 4000, 8000, 15000, 16875, 16875, 16875 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], backoff.NextDelayAfterRefusalMs(), "delay " + i);
                Assert.IsTrue(backoff.CeilingMs <= 15000, "refusal " + i + " widened the ceiling to " + backoff.CeilingMs);
            }

            Assert.IsTrue(backoff.Spread);
        }

        [TestMethod]
        public void RefusalsAfterTheSpreadStayWithinAnEighthAboveTheWindow()
        {
            var backoff = new Backoff(new BackoffOptions(), FakeJitter.Seeded(11));
            backoff.NextDelayAfterSessionLossMs();
            Assert.IsTrue(backoff.Spread, "the session-loss draw covers the whole window");
            for (int i = 0; i < 100; i++)
            {
                long delay = backoff.NextDelayAfterRefusalMs();
                Assert.IsTrue(delay >= 15000 && delay <= 16875, "probe " + i + " after " + delay + " ms");
            }

            Assert.AreEqual(30000L, backoff.CeilingMs, "probing leaves the ceiling where the session loss put it");
            long costly = backoff.NextDelayMs();
            Assert.IsTrue(costly <= 30000, "a costly failure draws below that ceiling: " + costly);
            Assert.AreEqual(60000L, backoff.CeilingMs, "and grows it");
        }

        [TestMethod]
        public void ARefusalDoesNotNarrowWhatCostlyFailuresWidened()
        {
            var backoff = new Backoff(new BackoffOptions(), FakeJitter.AlwaysMax());
            for (int i = 0; i < 6; i++)
            {
                backoff.NextDelayMs();
            }

            Assert.AreEqual(60000L, backoff.CeilingMs);
            Assert.AreEqual(16875L, backoff.NextDelayAfterRefusalMs(), "probing keeps to the window");
            Assert.AreEqual(60000L, backoff.CeilingMs, "but a costly failure after it still waits up to the cap");
        }

        [TestMethod]
        public void TheNextBrokerIsTriedWithinTheBase()
        {
            var slow = new Backoff(new BackoffOptions(), FakeJitter.AlwaysMax());
            var fast = new Backoff(new BackoffOptions(), FakeJitter.AlwaysZero());
            slow.NextDelayAfterSessionLossMs();
            Assert.AreEqual(1000L, slow.NextDelayOnNextBrokerMs());
            Assert.AreEqual(250L, fast.NextDelayOnNextBrokerMs());
            Assert.AreEqual(30000L, slow.CeilingMs, "moving on does not touch the ceiling");
            Assert.AreEqual(2, slow.Failures);
        }

        [TestMethod]
        [DataRow(15000, 1000, 60000, 15000)]
        [DataRow(0, 1000, 60000, 1000)]
        [DataRow(100000, 1000, 60000, 60000)]
        [DataRow(15000, 500, 2000, 2000)]
        public void TheWindowIsTheSpreadWithinBaseAndCap(int spreadMs, int baseMs, int capMs, int expected)
        {
            var options = new BackoffOptions();
            options.SessionLossSpreadMs = spreadMs;
            options.BaseMs = baseMs;
            options.CapMs = capMs;
            Assert.AreEqual((long)expected, new Backoff(options, FakeJitter.AlwaysMax()).WindowMs);
        }

        [TestMethod]
        public void ResetForgetsTheSpread()
        {
            var backoff = new Backoff(new BackoffOptions(), FakeJitter.AlwaysMax());
            backoff.NextDelayAfterSessionLossMs();
            backoff.Reset();
            Assert.IsFalse(backoff.Spread);
            Assert.AreEqual(1000L, backoff.NextDelayAfterRefusalMs(), "a fresh refusal starts again from the base");
        }

        [TestMethod]
        public void ValidateNamesTheBadSetting()
        {
            var options = new BackoffOptions();
            Assert.IsNull(options.Validate());
            options.CapMs = 10;
            Assert.Contains("cap", options.Validate());
            // The bounds of single keys are the config reader's.
            string error;
            Assert.IsNull(DeviceConfig.Parse("[device]\nid = d\n[backoff]\nmultiplier = 0\n", null, out error));
            Assert.Contains("multiplier", error);
        }

        [TestMethod]
        public void OptionsOnlyCodeCanBreakAreRefusedBeforeAnyAttempt()
        {
            // Each would retry in a hot loop, fail every attempt at once or drop every QoS 1 message.
            var options = new SupervisorOptions();
            options.Endpoints = new[] { new BrokerEndpoint("127.0.0.1", 1883, false) };
            Assert.IsNull(options.Validate());
            options.Backoff.BaseMs = 0;
            Assert.Contains("base", options.Validate());
            options.Backoff.BaseMs = 1000;
            options.ProtocolVersion = 4;
            Assert.Contains("protocol", options.Validate());
            options.ProtocolVersion = 5;
            options.ConnectTimeoutMs = 0;
            Assert.Contains("connect timeout", options.Validate());
            options.ConnectTimeoutMs = 5000;
            options.Outbox.MaxMessages = 0;
            Assert.Contains("max_messages", options.Validate());
        }
    }
}
