using NanoMqtt.Core.Messaging;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Messaging
{
    [TestClass]
    public class Utf8Tests
    {
        [TestMethod]
        public void RoundTripsAsciiAccentsAndEmoji()
        {
            string text = "on é € \uD83D\uDE00";
            byte[] bytes = Utf8.GetBytes(text);
            Assert.AreEqual(14, bytes.Length);
            Assert.AreEqual(text, Utf8.GetString(bytes, 0, bytes.Length));
        }

        [TestMethod]
        public void RefusesInvalidSequences()
        {
            Assert.IsNull(Utf8.GetString(new byte[] { 0xC3 }, 0, 1), "truncated");
            Assert.IsNull(Utf8.GetString(new byte[] { 0xC0, 0xAF }, 0, 2), "overlong");
            Assert.IsNull(Utf8.GetString(new byte[] { 0xED, 0xA0, 0x80 }, 0, 3), "surrogate");
            Assert.IsNull(Utf8.GetString(new byte[] { 0xFF }, 0, 1), "invalid lead byte");
            Assert.IsNull(Utf8.GetString(new byte[] { 0x41 }, 0, 2), "count past the end");
        }
    }
}
