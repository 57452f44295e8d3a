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
            ids.Add("a");
            ids.Add("b");
            ids.Add("c");
            Assert.IsFalse(ids.Contains("a"));
            Assert.IsTrue(ids.Contains("b"));
            Assert.IsTrue(ids.Contains("c"));
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
            ids.Add("y");
            Assert.AreEqual(3, ids.Count, "an id already known is not added twice");
        }
    }
}
