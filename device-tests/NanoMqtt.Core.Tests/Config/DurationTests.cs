using NanoMqtt.Core.Config;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Config
{
    [TestClass]
    public class DurationTests
    {
        [TestMethod]
        [DataRow("500ms", 500L)]
        [DataRow("10s", 10000L)]
        [DataRow("5m", 300000L)]
        [DataRow("5min", 300000L)]
        [DataRow("1h", 3600000L)]
        [DataRow("1d", 86400000L)]
        [DataRow("30", 30000L)]
        [DataRow("0", 0L)]
        [DataRow(" 10S ", 10000L)]
        [DataRow("1.5s", 1500L)]
        [DataRow("0.25m", 15000L)]
        [DataRow("2.5", 2500L)]
        [DataRow("0.001s", 1L)]
        [DataRow("366d", 31622400000L)]
        public void ParsesDurations(string text, long ms)
        {
            long parsed;
            Assert.IsTrue(Duration.TryParse(text, out parsed));
            Assert.AreEqual(ms, parsed);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("   ")]
        [DataRow("s")]
        [DataRow("-5s")]
        [DataRow("+5s")]
        [DataRow("5 s")]
        [DataRow("5x")]
        [DataRow("5sec")]
        [DataRow("1.5ms")]
        [DataRow("1.0001s")]
        [DataRow("1.")]
        [DataRow(".5s")]
        [DataRow("1e3")]
        [DataRow("367d")]
        [DataRow("99999999999999999999999h")]
        [DataRow("10s5")]
        public void RefusesEverythingElse(string text)
        {
            long parsed;
            Assert.IsFalse(Duration.TryParse(text, out parsed));
            Assert.AreEqual(0L, parsed);
        }

        [TestMethod]
        public void RefusesNull()
        {
            long parsed;
            Assert.IsFalse(Duration.TryParse(null, out parsed));
        }

        [TestMethod]
        [DataRow(0L, "0ms")]
        [DataRow(500L, "500ms")]
        [DataRow(1500L, "1500ms")]
        [DataRow(30000L, "30s")]
        [DataRow(90000L, "90s")]
        [DataRow(300000L, "5m")]
        [DataRow(7200000L, "2h")]
        public void FormatsTheShortestExactText(long ms, string text)
        {
            Assert.AreEqual(text, Duration.Format(ms));
            long back;
            Assert.IsTrue(Duration.TryParse(text, out back));
            Assert.AreEqual(ms, back);
        }
    }
}
