using NanoMqtt.Core.Messaging;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Messaging
{
    /// <summary>The reader over a char range: names compared in place, strings made only when asked for.</summary>
    [TestClass]
    public class JsonReaderInPlaceTests
    {
        private static char[] Padded(string prefix, string text)
        {
            string all = prefix + text + "]]]";
            var chars = new char[all.Length];
            for (int i = 0; i < all.Length; i++)
            {
                chars[i] = all[i];
            }

            return chars;
        }

        [TestMethod]
        public void NamesAreComparedInPlaceAndUnescapedFirst()
        {
            var r = new JsonReader();
            string doc = "{\"id\":\"a\",\"v\\u0061lue\":\"on\"}";
            r.Reset(Padded("xyz", doc), 3, doc.Length);

            Assert.IsTrue(r.Read());
            Assert.IsTrue(r.Read());
            Assert.AreEqual(JsonToken.PropertyName, r.Token);
            Assert.IsTrue(r.StringEquals("id"));
            Assert.IsFalse(r.StringEquals("i"));
            Assert.IsFalse(r.StringEquals("idx"));
            Assert.IsTrue(r.StringIsInPlace);
            Assert.AreEqual(5, r.StringStart);
            Assert.AreEqual(2, r.StringLength);
            r.Skip();
            Assert.IsTrue(r.Read());
            Assert.IsTrue(r.StringEquals("value"));
            Assert.IsFalse(r.StringIsInPlace, "an escaped name is decoded into the scratch buffer");
            Assert.AreEqual("value", r.StringValue);
            Assert.IsTrue(r.Read());
            Assert.AreEqual("on", r.StringValue);
            Assert.IsTrue(r.Read());
            Assert.AreEqual(JsonToken.EndObject, r.Token);
            Assert.IsNull(r.StringValue);
            Assert.IsFalse(r.Read());
            Assert.AreEqual(JsonToken.End, r.Token);
        }

        [TestMethod]
        public void ANumberIsReadInPlace()
        {
            var r = new JsonReader();
            string doc = "[ -12.5e1 ]";
            r.Reset(Padded("ab", doc), 2, doc.Length);
            r.Read();
            r.Read();
            Assert.AreEqual(JsonToken.Number, r.Token);
            Assert.AreEqual(4, r.NumberStart);
            Assert.AreEqual(7, r.NumberLength);
            Assert.AreEqual("-12.5e1", r.NumberText);
        }

        [TestMethod]
        public void ErrorOffsetsCountFromTheStartOfTheRange()
        {
            var fromString = new JsonReader();
            fromString.Reset("{\"a\":tru}");
            while (fromString.Read())
            {
            }

            var inRange = new JsonReader();
            string doc = "{\"a\":tru}";
            inRange.Reset(Padded("0123456", doc), 7, doc.Length);
            while (inRange.Read())
            {
            }

            Assert.AreEqual(JsonToken.Error, inRange.Token);
            Assert.AreEqual(fromString.Error, inRange.Error);
        }

        [TestMethod]
        public void TheRangeEndsTheDocumentNotTheArray()
        {
            var r = new JsonReader();
            string doc = "[1";
            r.Reset(Padded("", doc), 0, doc.Length);
            r.Read();
            r.Read();
            Assert.IsFalse(r.Read());
            Assert.AreEqual(JsonToken.Error, r.Token);
        }

        [TestMethod]
        public void ALongRangeIsRefusedLikeALongString()
        {
            var r = new JsonReader(4, 5);
            r.Reset(Padded("", "[1,2,3]"), 0, 7);
            Assert.IsFalse(r.Read());
            Assert.AreEqual("document longer than 5 characters at 0", r.Error);
        }
    }
}
