using NanoMqtt.Core.Sensors;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Sensors
{
    /// <summary>
    /// The shells wake the loop on a pin change, so an idle input asks for a step only once a second;
    /// debounce timing is exact regardless, and a full queue of edges is taken without waiting.
    /// </summary>
    [TestClass]
    public class InputBackstopTests
    {
        [TestMethod]
        public void AnIdleInputAsksForAStepOnlyOnceASecond()
        {
            var f = new ScheduleFixture();
            f.Schedule.AddInput(new FakeDigitalInput(true), new DigitalInputOptions("door"));

            Assert.AreEqual(1000, f.Options.InputCheckMs);
            Assert.AreEqual(1000L, f.Schedule.Step(0));
            Assert.AreEqual(1700L, f.Schedule.Step(700));
        }

        [TestMethod]
        public void APendingDebounceStillAsksForItsExactEnd()
        {
            var f = new ScheduleFixture();
            var pin = new FakeDigitalInput(true);
            f.Schedule.AddInput(pin, new DigitalInputOptions("door"));
            f.Schedule.Step(0);

            // The shell's wake-up on the edge steps the schedule at once.
            pin.Edge(false, 100);
            Assert.AreEqual(150L, f.Schedule.Step(100));
            Assert.AreEqual(1, f.Publisher.Count);
            Assert.AreEqual(1150L, f.Schedule.Step(150));
            Assert.AreEqual(2, f.Publisher.Count);
            Assert.AreEqual("{\"v\":0,\"seq\":2}", f.Publisher.Last.Text);
        }

        [TestMethod]
        public void AnEdgeSeenLateByTheBackstopKeepsItsOwnTime()
        {
            var f = new ScheduleFixture();
            var pin = new FakeDigitalInput(true);
            var o = new DigitalInputOptions("door");
            o.DebounceMs = 200;
            f.Schedule.AddInput(pin, o);
            f.Schedule.Step(0);

            // A lost wake-up: the edge at 100 is only taken by the backstop step at 1000. It held far
            // longer than the debounce, so it is published then, not 200 ms later.
            pin.Edge(false, 100);
            f.Schedule.Step(1000);
            Assert.AreEqual(2, f.Publisher.Count);
        }

        [TestMethod]
        public void MoreQueuedEdgesThanOneStepTakesBringTheNextStepAtOnce()
        {
            var f = new ScheduleFixture();
            var pin = new FakeDigitalInput(true);
            var o = new DigitalInputOptions("button");
            o.DebounceMs = 0;
            f.Schedule.AddInput(pin, o);
            f.Schedule.Step(0);

            for (int i = 0; i < 100; i++)
            {
                pin.Edge(i % 2 == 0 ? false : true, 10 + i);
            }

            pin.Edge(false, 200);
            Assert.AreEqual(300L, f.Schedule.Step(300));
            Assert.IsTrue(pin.Queued > 0, "one step takes a bounded number of edges");
            Assert.AreEqual(1300L, f.Schedule.Step(300));
            Assert.AreEqual(0, pin.Queued);
            Assert.AreEqual(2, f.Publisher.Count);
            Assert.AreEqual("{\"v\":0,\"seq\":2}", f.Publisher.Last.Text);
        }
    }
}
