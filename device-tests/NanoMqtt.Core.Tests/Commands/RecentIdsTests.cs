using NanoMqtt.Core.Commands;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Commands
{
    [TestClass]
    public class RecentIdsTests
    {
        [TestMethod]
        public void ForgetsTheOldestFirst()
        {
            var ids = new RecentIds(2);
            Add(ids, "a");
            Add(ids, "b");
            Add(ids, "c");
            Assert.IsFalse(Contains(ids, "a"));
            Assert.IsTrue(Contains(ids, "b"));
            Assert.IsTrue(Contains(ids, "c"));
            Assert.AreEqual("b\nc", ids.Join());
        }

        [TestMethod]
        public void RoundTripsThroughItsJoinedText()
        {
            var ids = new RecentIds(4);
            Assert.IsNull(ids.Join());
            ids.AddJoined("x\n\ny\nz");
            Assert.AreEqual(3, ids.Count);
            Assert.AreEqual("x\ny\nz", ids.Join());
            Add(ids, "y");
            Assert.AreEqual(3, ids.Count, "an id already known is not added twice");
        }

        [TestMethod]
        public void ComparesWholeIdsOnly()
        {
            var ids = new RecentIds(4);
            Add(ids, "ab");
            Assert.IsFalse(Contains(ids, "a"));
            Assert.IsFalse(Contains(ids, "abc"));
            Assert.IsFalse(Contains(ids, "aB"));
            Assert.IsTrue(Contains(ids, "ab"));
        }

        [TestMethod]
        public void FindsAnIdInsideALargerBuffer()
        {
            var ids = new RecentIds(2);
            char[] chars = "..c1..".ToCharArray();
            ids.Add(chars, 2, 2);
            Assert.IsTrue(Contains(ids, "c1"));
            Assert.IsTrue(ids.Contains("xc1".ToCharArray(), 1, 2));
            Assert.AreEqual("c1", ids.Join());
        }

        [TestMethod]
        public void KeepsIdsOfTheFullLengthAndNonAscii()
        {
            var ids = new RecentIds(2);
            string longest = new string('\u20ac', CommandParser.MaxIdLength - 2) + "\ud83d\ude00";
            Add(ids, longest);
            Add(ids, "\u00e9");
            Assert.IsTrue(Contains(ids, longest));
            Assert.IsFalse(Contains(ids, longest.Substring(1)));
            Assert.AreEqual(longest + "\n\u00e9", ids.Join());
        }

        [TestMethod]
        public void IgnoresStoredTextThatIsNoId()
        {
            var ids = new RecentIds(4);
            ids.AddJoined("a\n" + new string('x', CommandParser.MaxIdLength + 1) + "\nb\n");
            Assert.AreEqual("a\nb", ids.Join());
        }

        private static void Add(RecentIds ids, string id)
        {
            ids.Add(id.ToCharArray(), 0, id.Length);
        }

        private static bool Contains(RecentIds ids, string id)
        {
            return ids.Contains(id.ToCharArray(), 0, id.Length);
        }
    }
}
