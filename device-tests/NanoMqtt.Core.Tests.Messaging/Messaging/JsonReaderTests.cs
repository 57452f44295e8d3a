using NanoMqtt.Core.Messaging;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Messaging
{
    [TestClass]
    public class JsonReaderTests
    {
        /// <summary>The tokens of a document as one line: "{ n:id s:abc }" and so on, ending in END or ERR.</summary>
        private static string Tokens(string json)
        {
            var r = new JsonReader();
            r.Reset(json);
            string line = "";
            while (r.Read())
            {
                switch (r.Token)
                {
                    case JsonToken.StartObject:
                        line += "{ ";
                        break;
                    case JsonToken.EndObject:
                        line += "} ";
                        break;
                    case JsonToken.StartArray:
                        line += "[ ";
                        break;
                    case JsonToken.EndArray:
                        line += "] ";
                        break;
                    case JsonToken.PropertyName:
                        line += "n:" + r.StringValue + " ";
                        break;
                    case JsonToken.String:
                        line += "s:" + r.StringValue + " ";
                        break;
                    case JsonToken.Number:
                        line += "#:" + r.NumberText + " ";
                        break;
                    case JsonToken.True:
                        line += "true ";
                        break;
                    case JsonToken.False:
                        line += "false ";
                        break;
                    case JsonToken.Null:
                        line += "null ";
                        break;
                }
            }

            return line + (r.Token == JsonToken.End ? "END" : "ERR");
        }

        [TestMethod]
        public void ReadsALongDocumentGivenAsAString()
        {
            // About 4,000 chars, read from one copy of the string: names, escapes and surrogate pairs to the end.
            string text = "[";
            for (int i = 0; i < 250; i++)
            {
                text = text + (i == 0 ? "" : ",") + "{\"k\":\"\u00e9\ud83d\ude00\\n" + i.ToString() + "\"}";
            }

            text = text + "]";
            var r = new JsonReader(4, 8192);
            r.Reset(text);
            int strings = 0;
            string last = null;
            while (r.Read())
            {
                if (r.Token == JsonToken.String)
                {
                    strings++;
                    last = r.StringValue;
                }
                else if (r.Token == JsonToken.PropertyName)
                {
                    Assert.IsTrue(r.StringEquals("k"));
                }
            }

            Assert.IsNull(r.Error);
            Assert.AreEqual(250, strings);
            Assert.AreEqual("\u00e9\ud83d\ude00\n249", last);
        }

        [TestMethod]
        public void ReadsACommandObject()
        {
            Assert.AreEqual("{ n:id s:abc n:value s:on n:expires #:1764070000 } END", Tokens("{\"id\":\"abc\",\"value\":\"on\",\"expires\":1764070000}"));
        }

        [TestMethod]
        public void ReadsEveryKindOfValue()
        {
            Assert.AreEqual("[ #:-1.5e+3 #:0 true false null { } [ ] s: ] END", Tokens(" [ -1.5e+3 , 0,true,false,null,{},[],\"\" ]\r\n"));
            Assert.AreEqual("s:on END", Tokens("\"on\""));
            Assert.AreEqual("#:42 END", Tokens("42"));
        }

        [TestMethod]
        public void UnescapesStrings()
        {
            var r = new JsonReader();
            r.Reset("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\"");
            Assert.IsTrue(r.Read());
            Assert.AreEqual(JsonToken.String, r.Token);
            Assert.AreEqual("a\"b\\c/d\n\t\u00e9\ud83d\ude00", r.StringValue);
            Assert.IsFalse(r.Read());
            Assert.AreEqual(JsonToken.End, r.Token);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("   ")]
        [DataRow("{")]
        [DataRow("}")]
        [DataRow("[1,]")]
        [DataRow("{\"a\":1,}")]
        [DataRow("{\"a\" 1}")]
        [DataRow("{a:1}")]
        [DataRow("{'a':1}")]
        [DataRow("{\"a\":1]")]
        [DataRow("[1}")]
        [DataRow("[1 2]")]
        [DataRow("01")]
        [DataRow("-")]
        [DataRow("1.")]
        [DataRow(".5")]
        [DataRow("1e")]
        [DataRow("+1")]
        [DataRow("tru")]
        [DataRow("nul")]
        [DataRow("True")]
        [DataRow("\"abc")]
        [DataRow("\"a\tb\"")]
        [DataRow("\"\\x\"")]
        [DataRow("\"\\u12\"")]
        [DataRow("\"\\ud83d\"")]
        [DataRow("\"\\ude00\"")]
        [DataRow("\"\\ud83d\\u0041\"")]
        [DataRow("{} {}")]
        [DataRow("1 x")]
        [DataRow("/* */ 1")]
        [DataRow("NaN")]
        public void RefusesWhatIsNotJson(string json)
        {
            var r = new JsonReader();
            r.Reset(json);
            while (r.Read())
            {
            }

            Assert.AreEqual(JsonToken.Error, r.Token);
            Assert.IsNotNull(r.Error);
            Assert.IsFalse(r.Read(), "an error is final");
        }

        [TestMethod]
        public void RefusesNullText()
        {
            var r = new JsonReader();
            r.Reset(null);
            Assert.IsFalse(r.Read());
            Assert.AreEqual(JsonToken.Error, r.Token);
        }

        [TestMethod]
        public void LimitsTheDepth()
        {
            var r = new JsonReader(3, 100);
            r.Reset("[[[1]]]");
            while (r.Read())
            {
            }

            Assert.AreEqual(JsonToken.End, r.Token);
            r.Reset("[[[[1]]]]");
            while (r.Read())
            {
            }

            Assert.AreEqual(JsonToken.Error, r.Token);
            Assert.StartsWith("nested deeper than 3", r.Error);
        }

        [TestMethod]
        public void LimitsTheLength()
        {
            var r = new JsonReader(4, 10);
            r.Reset("\"123456789\"");
            Assert.IsFalse(r.Read());
            Assert.StartsWith("document longer than 10", r.Error);
            r.Reset("\"12345678\"");
            Assert.IsTrue(r.Read());
        }

        [TestMethod]
        public void SkipsNestedValues()
        {
            var r = new JsonReader();
            r.Reset("{\"x\":{\"y\":[1,{\"z\":2}]},\"v\":3}");
            Assert.IsTrue(r.Read());
            Assert.IsTrue(r.Read());
            Assert.AreEqual("x", r.StringValue);
            Assert.IsTrue(r.Skip());
            Assert.AreEqual(JsonToken.EndObject, r.Token);
            Assert.AreEqual(1, r.Depth);
            Assert.IsTrue(r.Read());
            Assert.AreEqual("v", r.StringValue);
            Assert.IsTrue(r.Read());
            long v;
            Assert.IsTrue(r.TryGetInt64(out v));
            Assert.AreEqual(3L, v);
            Assert.IsTrue(r.Read());
            Assert.AreEqual(JsonToken.EndObject, r.Token);
            Assert.IsFalse(r.Read());
            Assert.AreEqual(JsonToken.End, r.Token);
        }

        [TestMethod]
        [DataRow("9223372036854775807", true, 9223372036854775807L)]
        [DataRow("-9223372036854775808", true, -9223372036854775808L)]
        [DataRow("9223372036854775808", false, 0L)]
        [DataRow("-9223372036854775809", false, 0L)]
        [DataRow("1.0", false, 0L)]
        [DataRow("1e3", false, 0L)]
        [DataRow("-0", true, 0L)]
        public void ReadsWholeNumbers(string json, bool fits, long expected)
        {
            var r = new JsonReader();
            r.Reset(json);
            Assert.IsTrue(r.Read());
            long value;
            Assert.AreEqual(fits, r.TryGetInt64(out value));
            Assert.AreEqual(expected, value);
        }

        [TestMethod]
        public void IsReusableAfterAnError()
        {
            var r = new JsonReader();
            r.Reset("{");
            r.Read();
            Assert.IsFalse(r.Read());
            r.Reset("{}");
            Assert.IsTrue(r.Read());
            Assert.IsTrue(r.Read());
            Assert.IsFalse(r.Read());
            Assert.AreEqual(JsonToken.End, r.Token);
            Assert.IsNull(r.Error);
        }
    }
}
