using NanoMqtt.Core.Messaging;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Messaging
{
    [TestClass]
    public class JsonWriterTests
    {
        [TestMethod]
        public void WritesACompactTelemetryObject()
        {
            var w = new JsonWriter(16);
            w.BeginObject();
            w.Name("v");
            w.Fixed(2137, 2);
            w.Name("u");
            w.Value("C");
            w.Name("seq");
            w.Value(42);
            w.Name("t");
            w.Value(1764070000L);
            w.EndObject();
            Assert.AreEqual("{\"v\":21.37,\"u\":\"C\",\"seq\":42,\"t\":1764070000}", w.ToString());
        }

        [TestMethod]
        [DataRow(2137L, 2, "21.37")]
        [DataRow(-5L, 1, "-0.5")]
        [DataRow(-105L, 2, "-1.05")]
        [DataRow(7L, 0, "7")]
        [DataRow(100000L, 3, "100.000")]
        [DataRow(-9223372036854775808L, 2, "-92233720368547758.08")]
        public void WritesFixedPointNumbers(long scaled, int decimals, string expected)
        {
            var w = new JsonWriter(4);
            w.Fixed(scaled, decimals);
            Assert.AreEqual(expected, w.ToString());
        }

        [TestMethod]
        public void WritesOneFieldPerCall()
        {
            var w = new JsonWriter(8);
            char[] id = "id".ToCharArray();
            char[] text = "xabcx".ToCharArray();
            w.BeginObject();
            w.Field("s", "a\"b");
            w.Field("n", -42L);
            w.Field("b", true);
            w.Field("z", (string)null);
            w.Name(id);
            w.Value(text, 1, 3);
            w.Name(id);
            w.Value(false);
            w.Name(id);
            w.Value("v");
            w.EndObject();
            Assert.AreEqual("{\"s\":\"a\\\"b\",\"n\":-42,\"b\":true,\"z\":null,\"id\":\"abc\",\"id\":false,\"id\":\"v\"}", w.ToString());
        }

        [TestMethod]
        public void EscapesStringsAndNests()
        {
            var w = new JsonWriter(8);
            w.BeginObject();
            w.Name("e");
            w.Value("a\"b\\c\n\u0001é");
            w.Name("list");
            w.BeginArray();
            w.Value(true);
            w.BeginObject();
            w.EndObject();
            w.Null();
            w.EndArray();
            w.EndObject();
            Assert.AreEqual("{\"e\":\"a\\\"b\\\\c\\n\\u0001é\",\"list\":[true,{},null]}", w.ToString());
        }

        [TestMethod]
        [DataRow("a\"b\\c\n\u0001\u007f/")]
        [DataRow("\u00e9\u20ac\ud83d\ude00x")]
        [DataRow("lone \ud83d\"")]
        [DataRow("lone \ude00 low")]
        [DataRow("")]
        public void WritesACharRangeAsItWritesTheString(string text)
        {
            var byString = new JsonWriter(8);
            byString.Value(text);
            char[] chars = ("<<" + text + ">>").ToCharArray();
            var byChars = new JsonWriter(8);
            byChars.Value(chars, 2, text.Length);
            Assert.AreEqual(byString.ToString(), byChars.ToString());
            Assert.AreEqual(byString.Length, byChars.Length);
        }

        [TestMethod]
        public void WritesAnEmojiAsItsFourBytes()
        {
            var w = new JsonWriter(8);
            w.Value("\ud83d\ude00");
            byte[] expected = { 0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22 };
            Assert.AreEqual(expected.Length, w.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], w.Buffer[i]);
            }
        }

        [TestMethod]
        public void WritesANameKeptAsCharsAsItsString()
        {
            var byString = new JsonWriter(8);
            byString.BeginObject();
            byString.Name("k\u00e9\ud83d\ude00");
            byString.Value(1);
            byString.EndObject();
            var byChars = new JsonWriter(8);
            byChars.BeginObject();
            byChars.Name("k\u00e9\ud83d\ude00".ToCharArray());
            byChars.Value(1);
            byChars.EndObject();
            Assert.AreEqual(byString.ToString(), byChars.ToString());
            Assert.AreEqual("{\"k\u00e9\ud83d\ude00\":1}", byChars.ToString());
        }

        [TestMethod]
        public void WritesALongStringWhole()
        {
            string unit = "ab\"\u00e9\ud83d\ude00\n";
            string text = "";
            for (int i = 0; i < 500; i++)
            {
                text = text + unit;
            }

            var w = new JsonWriter(16);
            w.Value(text);
            // Per unit: a, b, \", é (2 bytes), the emoji (4), \n (2): 12 bytes; plus the quotes.
            Assert.AreEqual(500 * 12 + 2, w.Length);
            string escaped = w.ToString();
            Assert.StartsWith("\"ab\\\"\u00e9\ud83d\ude00\\nab", escaped);
            Assert.EndsWith("\u00e9\ud83d\ude00\\n\"", escaped);
        }

        [TestMethod]
        public void EscapesAQuoteAfterALoneHighSurrogate()
        {
            var w = new JsonWriter(8);
            w.Value("\ud83d\"");
            Assert.AreEqual("\"\ufffd\\\"\"", w.ToString());
        }

        [TestMethod]
        public void ResetReusesTheBuffer()
        {
            var w = new JsonWriter(64);
            w.Value("first");
            byte[] buffer = w.Buffer;
            w.Reset();
            w.Value(1);
            Assert.AreEqual("1", w.ToString());
            Assert.AreSame(buffer, w.Buffer);
        }
    }
}
