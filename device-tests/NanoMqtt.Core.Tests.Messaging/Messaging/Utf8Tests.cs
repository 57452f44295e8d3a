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

        // Bytes spelled out rather than taken from another encoder: on nanoCLR the string indexer returns the
        // high surrogate at a low surrogate's index, which once doubled an emoji's high half here.
        [TestMethod]
        public void EncodesAnEmojiAsItsFourBytes()
        {
            string text = "a\uD83D\uDE00b";
            AssertBytes(new byte[] { 0x61, 0xF0, 0x9F, 0x98, 0x80, 0x62 }, Utf8.GetBytes(text));
            Assert.AreEqual(6, Utf8.ByteCount(text));
        }

        [TestMethod]
        public void EncodesCharsAsTheirString()
        {
            char[] chars = "x\u00e9\u20ac\uD83D\uDE00".ToCharArray();
            AssertBytes(Utf8.GetBytes(new string(chars)), Utf8.GetBytes(chars));
            byte[] written = new byte[12];
            Assert.AreEqual(10, Utf8.Write(chars, 0, chars.Length, written, 1));
            byte[] expected = Utf8.GetBytes(new string(chars));
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], written[i + 1]);
            }

            Assert.AreEqual(10, Utf8.Write(chars, 0, chars.Length, null, 0), "a null buffer only counts");
            Assert.AreEqual(9, Utf8.Write(chars, 1, chars.Length - 1, null, 0));
        }

        // Made at run time: a lone surrogate does not survive in an attribute's or the string table's UTF-8.
        [TestMethod]
        [DataRow(0xD83D)]
        [DataRow(0xDE00)]
        public void EncodesALoneSurrogateAsTheReplacementChar(int lone)
        {
            string text = new string(new char[] { '[', (char)lone, ']' });
            AssertBytes(new byte[] { 0x5B, 0xEF, 0xBF, 0xBD, 0x5D }, Utf8.GetBytes(text));
            Assert.AreEqual(5, Utf8.ByteCount(text));
        }

        [TestMethod]
        public void RoundTripsAndCountsALongText()
        {
            // 4,000 chars: per 8 of them ASCII, two-byte, three-byte, a surrogate pair and three ASCII (13 bytes).
            char[] chars = new char[4000];
            for (int i = 0; i < chars.Length; i += 8)
            {
                chars[i] = 'a';
                chars[i + 1] = '\u00e9';
                chars[i + 2] = '\u20ac';
                chars[i + 3] = '\uD83D';
                chars[i + 4] = '\uDE00';
                chars[i + 5] = '"';
                chars[i + 6] = '\n';
                chars[i + 7] = 'z';
            }

            string text = new string(chars);
            byte[] bytes = Utf8.GetBytes(text);
            Assert.AreEqual(6500, bytes.Length);
            Assert.AreEqual(6500, Utf8.ByteCount(text));
            Assert.AreEqual(text, Utf8.GetString(bytes, 0, bytes.Length));
        }

        [TestMethod]
        public void CountsEachOfManyTopicsRight()
        {
            // Many distinct strings, each counted twice.
            for (int round = 0; round < 2; round++)
            {
                for (int i = 0; i < 20; i++)
                {
                    string topic = "t/" + i.ToString() + (i % 2 == 0 ? "/\u00e9" : "/e");
                    Assert.AreEqual(topic.Length + (i % 2 == 0 ? 1 : 0), Utf8.ByteCount(topic));
                }
            }
        }

        private static void AssertBytes(byte[] expected, byte[] actual)
        {
            Assert.AreEqual(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], actual[i]);
            }
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
