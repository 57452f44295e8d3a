using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Actuators
{
    [TestClass]
    public class ActuatorTests
    {
        private static ActuatorOptions Options(string name, ActuatorKind kind)
        {
            var o = new ActuatorOptions();
            o.Name = name;
            o.Kind = kind;
            return o;
        }

        [TestMethod]
        public void RelayMapsVerbsAndNumbers()
        {
            var relay = new Actuator(Options("r", ActuatorKind.Relay), new FakeDigitalOutput());
            Assert.AreEqual(10000, relay.TargetFor(ActuatorVerb.On, 0));
            Assert.AreEqual(0, relay.TargetFor(ActuatorVerb.Off, 0));
            Assert.AreEqual(10000, relay.TargetFor(ActuatorVerb.Toggle, 0));
            Assert.AreEqual(10000, relay.TargetFor(ActuatorVerb.Duty, 100));
            Assert.AreEqual(10000, relay.TargetFor(ActuatorVerb.Duty, 10000));
            Assert.AreEqual(0, relay.TargetFor(ActuatorVerb.Duty, 0));
            Assert.AreEqual(-1, relay.TargetFor(ActuatorVerb.Duty, 3700));
        }

        [TestMethod]
        public void InvertedPwmInvertsTheDuty()
        {
            var pwm = new FakePwmOutput();
            var o = Options("led", ActuatorKind.Pwm);
            o.Inverted = true;
            var led = new Actuator(o, pwm);
            Assert.IsTrue(led.TrySet(2500, 0));
            Assert.AreEqual(7500, pwm.Duty);
            Assert.AreEqual(2500, led.Duty);
            var w = new JsonWriter(16);
            led.WriteState(w);
            Assert.AreEqual("25", w.ToString());
        }

        [TestMethod]
        public void RateLimitCountsChangesNotRepeats()
        {
            var pin = new FakeDigitalOutput();
            var o = Options("r", ActuatorKind.Relay);
            o.MaxChanges = 2;
            o.ChangeWindowMs = 10000;
            var relay = new Actuator(o, pin);
            Assert.IsTrue(relay.TrySet(10000, 0));
            Assert.IsTrue(relay.TrySet(10000, 100));
            Assert.IsTrue(relay.TrySet(0, 200));
            Assert.IsFalse(relay.TrySet(10000, 300));
            Assert.AreEqual(10000L, relay.NextChangeAllowedMs(300));
            Assert.IsTrue(relay.TrySet(0, 300), "the current state again is allowed");
            Assert.IsTrue(relay.TrySet(10000, 10000));
            Assert.AreEqual(10000, relay.Duty);
        }

        [TestMethod]
        public void WrongOutputOrBadOptionsThrowAtBuildTime()
        {
            Assert.ThrowsException(typeof(System.ArgumentException), () => new Actuator(Options("p", ActuatorKind.Pwm), new FakeDigitalOutput()));
            Assert.ThrowsException(typeof(System.ArgumentException), () => new Actuator(Options("r", ActuatorKind.Relay), new FakePwmOutput()));
            Assert.ThrowsException(typeof(System.ArgumentException), () => new Actuator(Options("a/b", ActuatorKind.Relay), new FakeDigitalOutput()));
        }

        [TestMethod]
        [DataRow("relay1", 0, 0L, 10, 60000L, true)]
        [DataRow("", 0, 0L, 10, 60000L, false)]
        [DataRow("re lay", 0, 0L, 10, 60000L, false)]
        [DataRow("device", 0, 0L, 10, 60000L, false)]
        [DataRow("r", 10001, 0L, 10, 60000L, false)]
        [DataRow("r", -1, 0L, 10, 60000L, false)]
        [DataRow("r", 0, -2L, 10, 60000L, false)]
        [DataRow("r", 0, -1L, 10, 60000L, true)]
        [DataRow("r", 0, 0L, 5, 0L, false)]
        [DataRow("r", 0, 0L, 0, 0L, true)]
        [DataRow("r", 0, 0L, -1, 60000L, false)]
        public void ValidatesOptions(string name, int safeDuty, long failSafeAfterMs, int maxChanges, long windowMs, bool valid)
        {
            var o = new ActuatorOptions();
            o.Name = name;
            o.SafeDuty = safeDuty;
            o.FailSafeAfterMs = failSafeAfterMs;
            o.MaxChanges = maxChanges;
            o.ChangeWindowMs = windowMs;
            Assert.AreEqual(valid, o.Validate() == null);
        }

        [TestMethod]
        public void RateLimitSlidesItsWindow()
        {
            var o = Options("r", ActuatorKind.Relay);
            o.MaxChanges = 2;
            o.ChangeWindowMs = 1000;
            var relay = new Actuator(o, new FakeDigitalOutput());
            Assert.AreEqual(0L, relay.NextChangeAllowedMs(0));
            Assert.IsTrue(relay.TrySet(10000, 0));
            Assert.IsTrue(relay.TrySet(0, 600));
            Assert.IsFalse(relay.TrySet(10000, 999));
            Assert.AreEqual(1000L, relay.NextChangeAllowedMs(999));
            Assert.IsTrue(relay.TrySet(10000, 1000));
            Assert.AreEqual(1600L, relay.NextChangeAllowedMs(1000));

            // 6000 a minute is kept as 32 per 320 ms, so memory stays small and the rate is the same.
            var g = Options("fader", ActuatorKind.Pwm);
            g.MaxChanges = 6000;
            g.ChangeWindowMs = 60000;
            var generous = new Actuator(g, new FakePwmOutput());
            for (int i = 0; i < 32; i++)
            {
                Assert.IsTrue(generous.TrySet(i % 2 == 0 ? 5000 : 6000, i));
            }

            Assert.IsFalse(generous.TrySet(7000, 319));
            Assert.IsTrue(generous.TrySet(7000, 320));

            var u = Options("u", ActuatorKind.Relay);
            u.MaxChanges = 0;
            var unlimited = new Actuator(u, new FakeDigitalOutput());
            for (int i = 0; i < 100; i++)
            {
                Assert.IsTrue(unlimited.TrySet(i % 2 == 0 ? 10000 : 0, 5));
            }
        }
    }
}
