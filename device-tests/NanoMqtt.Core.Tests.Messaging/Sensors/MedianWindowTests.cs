using NanoMqtt.Core.Sensors;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Sensors
{
    [TestClass]
    public class MedianWindowTests
    {
        [TestMethod]
        public void MedianOfFiveIgnoresTwoOutliers()
        {
            var m = new MedianWindow(5);
            m.Add(10);
            m.Add(-900);
            m.Add(12);
            m.Add(11);
            Assert.AreEqual(11L, m.Add(5000));
            Assert.AreEqual(5, m.Count);
        }

        [TestMethod]
        public void OldReadingsLeaveTheWindow()
        {
            var m = new MedianWindow(3);
            m.Add(100);
            m.Add(100);
            m.Add(100);
            m.Add(200);
            Assert.AreEqual(200L, m.Add(200));
        }

        [TestMethod]
        public void EvenCountsAverageTheMiddleRoundingDown()
        {
            var m = new MedianWindow(4);
            m.Add(-3);
            Assert.AreEqual(-2L, m.Add(0));
            m.Clear();
            m.Add(3);
            Assert.AreEqual(1L, m.Add(0));
        }
    }
}
