using NanoMqtt.Core.Sensors;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Sensors
{
    [TestClass]
    public class DigitalInputTests
    {
        [TestMethod]
        public void PublishesTheLevelAtStartRetainedAtQos1()
        {
            var f = new ScheduleFixture();
            f.Schedule.AddInput(new FakeDigitalInput(true), new DigitalInputOptions("door"));

            f.Schedule.Step(0);

            Assert.AreEqual(1, f.Publisher.Count);
            Assert.AreEqual("nanomqtt/dev1/telemetry/door", f.Publisher.Last.Topic);
            Assert.AreEqual("{\"v\":1,\"seq\":1}", f.Publisher.Last.Text);
            Assert.AreEqual(1, f.Publisher.Last.Qos);
            Assert.IsTrue(f.Publisher.Last.Retain);
        }

        [TestMethod]
        public void AChangeIsPublishedOnlyOnceItHeldForTheDebounceTime()
        {
            var f = new ScheduleFixture();
            f.Options.InputCheckMs = 1000;
            var pin = new FakeDigitalInput(true);
            f.Schedule.AddInput(pin, new DigitalInputOptions("door"));
            f.Schedule.Step(0);

            pin.Edge(false, 100);
            Assert.AreEqual(150L, f.Schedule.Step(100));
            Assert.AreEqual(150L, f.Schedule.Step(149));
            Assert.AreEqual(1, f.Publisher.Count);

            f.Schedule.Step(150);
            Assert.AreEqual(2, f.Publisher.Count);
            Assert.AreEqual("{\"v\":0,\"seq\":2}", f.Publisher.Last.Text);
        }

        [TestMethod]
        public void APulseShorterThanTheDebounceIsNeverPublished()
        {
            var f = new ScheduleFixture();
            var pin = new FakeDigitalInput(false);
            f.Schedule.AddInput(pin, new DigitalInputOptions("pir"));
            f.Schedule.Step(0);

            pin.Edge(true, 100);
            pin.Edge(false, 130);
            f.Schedule.Step(135);
            f.Schedule.Step(500);

            Assert.AreEqual(1, f.Publisher.Count);
        }

        [TestMethod]
        public void ContactBounceSettlesToOnePublish()
        {
            var f = new ScheduleFixture();
            f.Options.InputCheckMs = 1000;
            var pin = new FakeDigitalInput(true);
            f.Schedule.AddInput(pin, new DigitalInputOptions("button"));
            f.Schedule.Step(0);

            pin.Edge(false, 100);
            pin.Edge(true, 104);
            pin.Edge(false, 109);
            Assert.AreEqual(159L, f.Schedule.Step(120));
            pin.Edge(true, 121);
            pin.Edge(false, 125);
            Assert.AreEqual(175L, f.Schedule.Step(130));
            f.Schedule.Step(175);
            f.Schedule.Step(1000);

            Assert.AreEqual(2, f.Publisher.Count);
            Assert.AreEqual("{\"v\":0,\"seq\":2}", f.Publisher.Last.Text);
        }

        [TestMethod]
        public void ActiveLowPublishesALowPinAsOne()
        {
            var f = new ScheduleFixture();
            var pin = new FakeDigitalInput(false);
            var o = new DigitalInputOptions("button");
            o.ActiveLow = true;
            o.DebounceMs = 20;
            f.Schedule.AddInput(pin, o);

            f.Schedule.Step(0);
            Assert.StartsWith("{\"v\":1,", f.Publisher.Last.Text);

            pin.Edge(true, 10);
            f.Schedule.Step(30);
            Assert.StartsWith("{\"v\":0,", f.Publisher.Last.Text);
        }

        [TestMethod]
        public void EdgesQueuedBeforeTheFirstStepAreHistory()
        {
            var f = new ScheduleFixture();
            var pin = new FakeDigitalInput(false);
            pin.Edge(true, 0);
            pin.Edge(false, 1);
            pin.Level = true;
            f.Schedule.AddInput(pin, new DigitalInputOptions("door"));

            f.Schedule.Step(1000);
            f.Schedule.Step(2000);

            Assert.AreEqual(1, f.Publisher.Count);
            Assert.StartsWith("{\"v\":1,", f.Publisher.Last.Text);
            Assert.AreEqual(0, pin.Queued);
        }

        [TestMethod]
        public void WithoutInitialPublishOnlyChangesGoOut()
        {
            var f = new ScheduleFixture();
            var pin = new FakeDigitalInput(false);
            var o = new DigitalInputOptions("door");
            o.PublishInitial = false;
            f.Schedule.AddInput(pin, o);

            f.Schedule.Step(0);
            Assert.AreEqual(0, f.Publisher.Count);

            pin.Edge(true, 10);
            f.Schedule.Step(60);
            Assert.AreEqual("{\"v\":1,\"seq\":1}", f.Publisher.Last.Text);
        }

        [TestMethod]
        public void HeartbeatRepublishesASteadyLevel()
        {
            var f = new ScheduleFixture();
            var o = new DigitalInputOptions("door");
            o.HeartbeatMs = 1000;
            f.Schedule.AddInput(new FakeDigitalInput(true), o);

            f.Schedule.Step(0);
            f.Schedule.Step(999);
            Assert.AreEqual(1, f.Publisher.Count);
            f.Schedule.Step(1000);
            Assert.AreEqual(2, f.Publisher.Count);
            Assert.AreEqual("{\"v\":1,\"seq\":2}", f.Publisher.Last.Text);
        }

        [TestMethod]
        public void StepComesBackSoonToTakeQueuedEdges()
        {
            var f = new ScheduleFixture();
            f.Options.InputCheckMs = 25;
            f.Schedule.AddInput(new FakeDigitalInput(true), new DigitalInputOptions("door"));
            var o = new SensorOptions("t");
            f.Schedule.Add(ScriptedSensor.Single(), o);

            Assert.AreEqual(25L, f.Schedule.Step(0));
        }

        [TestMethod]
        public void AnEdgeStampedInTheFutureStillSettles()
        {
            var f = new ScheduleFixture();
            var pin = new FakeDigitalInput(true);
            f.Schedule.AddInput(pin, new DigitalInputOptions("door"));
            f.Schedule.Step(0);

            pin.Edge(false, 999999);
            f.Schedule.Step(100);
            f.Schedule.Step(150);

            Assert.AreEqual(2, f.Publisher.Count);
        }
    }
}
