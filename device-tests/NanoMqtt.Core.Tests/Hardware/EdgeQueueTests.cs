using NanoMqtt.Core.Hardware;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Hardware
{
    [TestClass]
    public class EdgeQueueTests
    {
        [TestMethod]
        public void Edges_come_out_in_the_order_they_went_in()
        {
            var q = new EdgeQueue(4);
            q.Add(true, 10);
            q.Add(false, 20);

            bool level;
            long at;
            Assert.IsTrue(q.TryTake(out level, out at));
            Assert.IsTrue(level);
            Assert.AreEqual(10L, at);
            Assert.IsTrue(q.TryTake(out level, out at));
            Assert.IsFalse(level);
            Assert.AreEqual(20L, at);
            Assert.IsFalse(q.TryTake(out level, out at));
            Assert.AreEqual(0, q.Dropped);
        }

        [TestMethod]
        public void A_full_ring_drops_the_oldest_edge_and_counts_it()
        {
            var q = new EdgeQueue(3);
            for (int i = 1; i <= 5; i++)
            {
                q.Add(i % 2 == 1, i * 100);
            }

            Assert.AreEqual(2, q.Dropped);
            bool level;
            long at;
            for (int i = 3; i <= 5; i++)
            {
                Assert.IsTrue(q.TryTake(out level, out at));
                Assert.AreEqual((long)(i * 100), at);
                Assert.AreEqual(i % 2 == 1, level);
            }

            Assert.IsFalse(q.TryTake(out level, out at));
        }

        [TestMethod]
        public void The_ring_wraps_without_losing_edges_when_taken_in_time()
        {
            var q = new EdgeQueue(2);
            bool level;
            long at;
            for (int i = 0; i < 7; i++)
            {
                q.Add(true, i);
                Assert.IsTrue(q.TryTake(out level, out at));
                Assert.AreEqual((long)i, at);
            }

            Assert.AreEqual(0, q.Dropped);
        }
    }
}
