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
                Assert.IsTrue(delay >= options.MinDelayMs, "delay " + i + " = " + delay + " is below the floor");
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
                Assert.AreEqual((long)options.MinDelayMs, backoff.NextDelayMs());
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
        public void ValidateNamesTheBadSetting()
        {
            var options = new BackoffOptions();
            Assert.IsNull(options.Validate());
            options.CapMs = 10;
            Assert.Contains("cap", options.Validate());
            options.CapMs = 60000;
            options.Multiplier = 0;
            Assert.Contains("multiplier", options.Validate());
        }
    }
}
