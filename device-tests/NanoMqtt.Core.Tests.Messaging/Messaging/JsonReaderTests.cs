using NanoMqtt.Core.Messaging;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Messaging
{
    /// <summary>The flat-object reader: members one by one, read in place, and every fault refused with a reason.</summary>
    [TestClass]
    public class JsonReaderTests
    {
        private static JsonReader Over(string json)
        {
            var r = new JsonReader(4096);
            char[] chars = json.ToCharArray();
            r.Reset(chars, 0, chars.Length);
            return r;
        }

        private static string Text(JsonReader r)
        {
            return new string(r.ValueChars, r.ValueStart, r.ValueLength);
        }

        /// <summary>The members of a document as one line: "id=s:abc value=#:1 ", ending in END, NESTED or ERR.</summary>
        private static string Members(string json)
        {
            var r = Over(json);
            string line = "";
            while (r.Next())
            {
                string name = r.NameIs("id".ToCharArray()) ? "id" : r.NameIs("value".ToCharArray()) ? "value" : "?";
                switch (r.Kind)
                {
                    case JsonKind.String:
                        line += name + "=s:" + Text(r) + " ";
                        break;
                    case JsonKind.Number:
                        line += name + "=#:" + Text(r) + " ";
                        break;
                    case JsonKind.True:
                        line += name + "=true ";
                        break;
                    case JsonKind.False:
                        line += name + "=false ";
                        break;
                    case JsonKind.Null:
                        line += name + "=null ";
                        break;
                    case JsonKind.Nested:
                        line += name + "=nested ";
                        break;
                }
            }

            return line + (r.Error != null ? "ERR" : r.Kind == JsonKind.Nested ? "NESTED" : "END");
        }

        [TestMethod]
        public void ReadsACommandObject()
        {
            Assert.AreEqual("id=s:abc value=s:on ?=#:1764070000 END", Members("{\"id\":\"abc\",\"value\":\"on\",\"expires\":1764070000}"));
            Assert.AreEqual("END", Members(" { } \r\n"));
        }

        [TestMethod]
        public void ReadsEveryKindOfFlatValue()
        {
            Assert.AreEqual("?=#:-1.5e+3 ?=#:0 ?=true ?=false ?=null ?=s: END", Members(" {\"a\": -1.5e+3 ,\"b\":0,\"c\":true,\"d\":false,\"e\":null,\"f\":\"\" }\r\n"));
        }

        [TestMethod]
        [DataRow("{\"a\":{},\"value\":\"on\"}")]
        [DataRow("{\"a\":[1,2],\"value\":\"on\"}")]
        [DataRow("{\"value\":{\"x\":{\"y\":{\"z\":1}}}}")]
        public void StopsAtANestedValue(string json)
        {
            var r = Over(json);
            while (r.Next() && r.Kind != JsonKind.Nested)
            {
            }

            Assert.AreEqual(JsonKind.Nested, r.Kind);
            Assert.IsNull(r.Error);
            Assert.IsFalse(r.Next(), "nothing is read past a nested value");
        }

        [TestMethod]
        public void UnescapesNamesAndStringsIntoScratch()
        {
            var r = Over("{\"v\\u0061lue\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"}");
            Assert.IsTrue(r.Next());
            Assert.IsTrue(r.NameIs("value".ToCharArray()));
            Assert.IsFalse(r.ValueInPlace);
            Assert.AreEqual("a\"b\\c/d\b\f\n\r\t\u00e9\ud83d\ude00", Text(r));
            Assert.IsFalse(r.Next());
            Assert.IsNull(r.Error);
        }

        [TestMethod]
        public void ReadsInPlaceFromARange()
        {
            string doc = "{\"id\":\"a\",\"n\":-12.5e1}";
            char[] chars = ("xyz" + doc + "]]]").ToCharArray();
            var r = new JsonReader(100);
            r.Reset(chars, 3, doc.Length);
            Assert.IsTrue(r.Next());
            Assert.IsTrue(r.NameIs("id".ToCharArray()));
            Assert.IsFalse(r.NameIs("i".ToCharArray()));
            Assert.IsFalse(r.NameIs("idx".ToCharArray()));
            Assert.IsTrue(r.ValueInPlace);
            Assert.AreEqual(10, r.ValueStart);
            Assert.AreEqual(1, r.ValueLength);
            Assert.IsTrue(r.Next());
            Assert.AreEqual(JsonKind.Number, r.Kind);
            Assert.AreEqual(17, r.ValueStart);
            Assert.AreEqual("-12.5e1", Text(r));
            Assert.IsFalse(r.Next());
            Assert.IsNull(r.Error, "the range ends the document, not the chars after it");
        }

        [TestMethod]
        public void ReadsALoneString()
        {
            var r = Over(" \"o\\u006e\" ");
            Assert.IsTrue(r.ReadLone());
            Assert.AreEqual("on", Text(r));
            Assert.IsFalse(Over("\"on\" x").ReadLone());
            Assert.IsFalse(Over("\"on").ReadLone());
            Assert.IsFalse(Over("42").ReadLone());
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("   ")]
        [DataRow("{")]
        [DataRow("}")]
        [DataRow("[1]")]
        [DataRow("42")]
        [DataRow("{\"a\":1,}")]
        [DataRow("{\"a\" 1}")]
        [DataRow("{a:1}")]
        [DataRow("{'a':1}")]
        [DataRow("{\"a\":1]")]
        [DataRow("{\"a\":1 \"b\":2}")]
        [DataRow("{\"a\":01}")]
        [DataRow("{\"a\":-}")]
        [DataRow("{\"a\":1.}")]
        [DataRow("{\"a\":.5}")]
        [DataRow("{\"a\":1e}")]
        [DataRow("{\"a\":+1}")]
        [DataRow("{\"a\":tru}")]
        [DataRow("{\"a\":nul}")]
        [DataRow("{\"a\":True}")]
        [DataRow("{\"a\":NaN}")]
        [DataRow("{\"a\":\"abc}")]
        [DataRow("{\"a\":\"a\tb\"}")]
        [DataRow("{\"a\":\"\\x\"}")]
        [DataRow("{\"a\":\"\\u12\"}")]
        [DataRow("{\"a\":\"\\ud83d\"}")]
        [DataRow("{\"a\":\"\\ude00\"}")]
        [DataRow("{\"a\":\"\\ud83d\\u0041\"}")]
        [DataRow("{\"\\ud83d\":1}")]
        [DataRow("{} {}")]
        [DataRow("{\"a\":1} x")]
        [DataRow("/* */ {}")]
        public void RefusesWhatIsNotAFlatObject(string json)
        {
            var r = Over(json);
            while (r.Next())
            {
            }

            Assert.IsNotNull(r.Error);
            Assert.IsFalse(r.Next(), "an error is final");
        }

        [TestMethod]
        public void ErrorsSayWhereCountedFromTheStartOfTheRange()
        {
            string doc = "{\"a\":tru}";
            char[] chars = ("0123456" + doc).ToCharArray();
            var r = new JsonReader(100);
            r.Reset(chars, 7, doc.Length);
            Assert.IsFalse(r.Next());
            Assert.AreEqual("unexpected character at 5", r.Error);
        }

        [TestMethod]
        public void LimitsTheLength()
        {
            var r = new JsonReader(10);
            char[] chars = "{\"a\":12345}".ToCharArray();
            r.Reset(chars, 0, chars.Length);
            Assert.IsFalse(r.Next());
            Assert.AreEqual("longer than 10 characters at 0", r.Error);
            r.Reset(chars, 0, 10);
            Assert.IsTrue(r.Next(), "the same reader is reusable after an error");
        }

        [TestMethod]
        [DataRow("9223372036854775807", true, 9223372036854775807L)]
        [DataRow("-9223372036854775808", true, -9223372036854775808L)]
        [DataRow("9223372036854775808", false, 0L)]
        [DataRow("-9223372036854775809", false, 0L)]
        [DataRow("1.0", false, 0L)]
        [DataRow("1e3", false, 0L)]
        [DataRow("-0", true, 0L)]
        [DataRow("\"7\"", false, 0L)]
        public void ReadsWholeNumbers(string json, bool fits, long expected)
        {
            var r = Over("{\"n\":" + json + "}");
            Assert.IsTrue(r.Next());
            long value;
            Assert.AreEqual(fits, r.TryGetInt64(out value));
            Assert.AreEqual(expected, value);
        }
    }
}
