using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Config;
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
            var relay = new Actuator(o, pin);
            Assert.IsTrue(relay.TrySet(10000, 0));
            Assert.IsTrue(relay.TrySet(10000, 100));
            Assert.IsTrue(relay.TrySet(0, 200));
            Assert.IsFalse(relay.TrySet(10000, 300));
            Assert.AreEqual(ActuatorOptions.ChangeWindowMs, relay.NextChangeAllowedMs(300));
            Assert.IsTrue(relay.TrySet(0, 300), "the current state again is allowed");
            Assert.IsTrue(relay.TrySet(10000, ActuatorOptions.ChangeWindowMs));
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
        [DataRow("relay1", 0, 0L, 10, true)]
        [DataRow("", 0, 0L, 10, false)]
        [DataRow("re lay", 0, 0L, 10, false)]
        [DataRow("device", 0, 0L, 10, false)]
        [DataRow("r", 0, -1L, 10, true)]
        [DataRow("r", 0, 0L, 0, true)]
        public void ValidatesOptions(string name, int safeDuty, long failSafeAfterMs, int maxChanges, bool valid)
        {
            var o = new ActuatorOptions();
            o.Name = name;
            o.SafeDuty = safeDuty;
            o.FailSafeAfterMs = failSafeAfterMs;
            o.MaxChanges = maxChanges;
            Assert.AreEqual(valid, o.Validate() == null);
        }

        [TestMethod]
        [DataRow("safe = 101\n", "safe")]
        [DataRow("safe = -1\n", "safe")]
        [DataRow("safe_after = -2\n", "safe_after")]
        [DataRow("max_changes_per_minute = -1\n", "max_changes_per_minute")]
        public void TheConfigReaderBoundsTheOptions(string key, string expected)
        {
            // Safe state, fail-safe time and rate are bounded where they are read: nf.config.
            string error;
            Assert.IsNull(DeviceConfig.Parse("[device]\nid = d\n[actuator.r]\ntype = pwm\npin = 5\n" + key, null, out error));
            Assert.Contains(expected + " in [actuator.r]", error);
        }

        [TestMethod]
        public void RateLimitSlidesItsWindow()
        {
            var o = Options("r", ActuatorKind.Relay);
            o.MaxChanges = 2;
            var relay = new Actuator(o, new FakeDigitalOutput());
            Assert.AreEqual(0L, relay.NextChangeAllowedMs(0));
            Assert.IsTrue(relay.TrySet(10000, 0));
            Assert.IsTrue(relay.TrySet(0, 36000));
            Assert.IsFalse(relay.TrySet(10000, 59999));
            Assert.AreEqual(60000L, relay.NextChangeAllowedMs(59999));
            Assert.IsTrue(relay.TrySet(10000, 60000));
            Assert.AreEqual(96000L, relay.NextChangeAllowedMs(60000));

            // 6000 a minute is kept as 32 per 320 ms, so memory stays small and the rate is the same.
            var g = Options("fader", ActuatorKind.Pwm);
            g.MaxChanges = 6000;
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
