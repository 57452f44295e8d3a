using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Actuators
{
    [TestClass]
    public class ActuatorBankTests
    {
        private static ActuatorOptions Options(string name, long failSafeAfterMs)
        {
            var o = new ActuatorOptions();
            o.Name = name;
            o.FailSafeAfterMs = failSafeAfterMs;
            o.MaxChanges = 0;
            return o;
        }

        [TestMethod]
        public void AddingEntersTheSafeStateAndPublishesIt()
        {
            var publisher = new RecordingPublisher();
            var bank = new ActuatorBank(publisher, new Topics("nanomqtt", "dev1"));
            var pin = new FakeDigitalOutput();
            var o = Options("valve", 60000);
            o.Inverted = true;
            var valve = new Actuator(o, pin);
            var pwm = new FakePwmOutput();
            var p = Options("heater", 60000);
            p.Kind = ActuatorKind.Pwm;
            p.SafeDuty = 1250;
            var heater = new Actuator(p, pwm);

            Assert.AreEqual(0, pin.Writes, "nothing is driven before the bank takes it");
            Assert.IsNull(bank.Add(valve, 0));
            Assert.IsNull(bank.Add(heater, 0));

            Assert.IsTrue(pin.High, "off on an active-low output is a high pin");
            Assert.AreEqual(1250, pwm.Duty);
            Assert.IsTrue(valve.InSafeState);
            var state = publisher.LastOn("nanomqtt/dev1/state/valve");
            Assert.AreEqual("off", state.Text);
            Assert.IsTrue(state.Retain);
            Assert.AreEqual(1, state.Qos);
            Assert.AreEqual("12.5", publisher.LastOn("nanomqtt/dev1/state/heater").Text);
        }

        [TestMethod]
        public void RefusesADuplicateName()
        {
            var bank = new ActuatorBank(new RecordingPublisher(), new Topics("nanomqtt", "dev1"));
            Assert.IsNull(bank.Add(new Actuator(Options("a", 0), new FakeDigitalOutput()), 0));
            Assert.IsNotNull(bank.Add(new Actuator(Options("a", 0), new FakeDigitalOutput()), 0));
            Assert.IsNotNull(bank.Add(null, 0));
            var w = new JsonWriter(64);
            w.BeginObject();
            bank.WriteDiag(w);
            w.EndObject();
            Assert.AreEqual("{\"actuators\":{\"a\":\"off\"},\"safe_trips\":0}", w.ToString(), "one actuator");
        }

        [TestMethod]
        public void EntersTheSafeStateAfterTheConfiguredTimeOffline()
        {
            var publisher = new RecordingPublisher();
            var bank = new ActuatorBank(publisher, new Topics("nanomqtt", "dev1"));
            var pin = new FakeDigitalOutput();
            var valve = new Actuator(Options("valve", 60000), pin);
            bank.Add(valve, 0);

            Assert.AreEqual(ActuatorBank.NoDeadline, bank.Step(1000, true));
            Assert.IsTrue(bank.Apply(valve, 10000, 1000));
            Assert.IsTrue(pin.High);
            Assert.AreEqual(ActuatorBank.NoDeadline, bank.Step(2000, true));

            // The session drops at 5 s: the valve closes at 65 s, not before.
            Assert.AreEqual(65000L, bank.Step(5000, false));
            Assert.AreEqual(5000L, bank.OfflineSinceMs);
            Assert.AreEqual(65000L, bank.Step(64999, false));
            Assert.IsTrue(pin.High);
            publisher.Clear();

            Assert.AreEqual(ActuatorBank.NoDeadline, bank.Step(65000, false));
            Assert.IsFalse(pin.High);
            Assert.IsTrue(valve.InSafeState);
            Assert.AreEqual(1L, bank.SafeTrips);
            Assert.AreEqual("off", publisher.LastOn("nanomqtt/dev1/state/valve").Text);

            // Back online: the state stays safe until a new command.
            Assert.AreEqual(ActuatorBank.NoDeadline, bank.Step(70000, true));
            Assert.IsFalse(pin.High);
            Assert.AreEqual(-1L, bank.OfflineSinceMs);
            Assert.IsTrue(bank.Apply(valve, 10000, 71000));
            Assert.IsTrue(pin.High);
            Assert.IsFalse(valve.InSafeState);
        }

        [TestMethod]
        public void ReconnectBeforeTheDeadlineRestartsTheCount()
        {
            var bank = new ActuatorBank(new RecordingPublisher(), new Topics("nanomqtt", "dev1"));
            var pin = new FakeDigitalOutput();
            var valve = new Actuator(Options("valve", 60000), pin);
            bank.Add(valve, 0);
            bank.Apply(valve, 10000, 0);

            bank.Step(10000, false);
            bank.Step(50000, false);
            bank.Step(60000, true);
            Assert.AreEqual(130000L, bank.Step(70000, false));
            bank.Step(129999, false);
            Assert.IsTrue(pin.High, "two outages of 50 s and 60 s do not add up");
            bank.Step(130000, false);
            Assert.IsFalse(pin.High);
        }

        [TestMethod]
        public void EachActuatorHasItsOwnFailSafeTime()
        {
            var bank = new ActuatorBank(new RecordingPublisher(), new Topics("nanomqtt", "dev1"));
            var fastPin = new FakeDigitalOutput();
            var slowPin = new FakeDigitalOutput();
            var lightPin = new FakeDigitalOutput();
            var fast = new Actuator(Options("fast", 0), fastPin);
            var slow = new Actuator(Options("slow", 30000), slowPin);
            var light = new Actuator(Options("light", ActuatorOptions.NeverFailSafe), lightPin);
            bank.Add(fast, 0);
            bank.Add(slow, 0);
            bank.Add(light, 0);
            bank.Apply(fast, 10000, 0);
            bank.Apply(slow, 10000, 0);
            bank.Apply(light, 10000, 0);

            Assert.AreEqual(31000L, bank.Step(1000, false));
            Assert.IsFalse(fastPin.High, "0 ms: safe as soon as the session is gone");
            Assert.IsTrue(slowPin.High);
            Assert.AreEqual(ActuatorBank.NoDeadline, bank.Step(31000, false));
            Assert.IsFalse(slowPin.High);
            Assert.IsTrue(lightPin.High, "never: the light stays on offline");
            Assert.AreEqual(2L, bank.SafeTrips);
        }

        [TestMethod]
        public void SafeStateIgnoresTheRateLimit()
        {
            var bank = new ActuatorBank(new RecordingPublisher(), new Topics("nanomqtt", "dev1"));
            var pin = new FakeDigitalOutput();
            var o = Options("relay", 0);
            o.MaxChanges = 1;
            var relay = new Actuator(o, pin);
            bank.Add(relay, 0);
            Assert.IsTrue(bank.Apply(relay, 10000, 0));
            Assert.IsFalse(bank.Apply(relay, 0, 1000), "the limit is used up");
            bank.Step(2000, false);
            Assert.IsFalse(pin.High, "safety comes before wear");
            Assert.IsFalse(bank.Apply(relay, 10000, 3000), "the safe change counts against the limit");
        }

        [TestMethod]
        public void FailSafePublishesOnlyChanges()
        {
            var publisher = new RecordingPublisher();
            var bank = new ActuatorBank(publisher, new Topics("nanomqtt", "dev1"));
            var a = new Actuator(Options("a", 0), new FakeDigitalOutput());
            var b = new Actuator(Options("b", 0), new FakeDigitalOutput());
            bank.Add(a, 0);
            bank.Add(b, 0);
            bank.Apply(a, 10000, 0);
            publisher.Clear();
            Assert.AreEqual(ActuatorBank.NoDeadline, bank.Step(5, false));
            Assert.AreEqual(1, publisher.Count, "b was in its safe state already");
            Assert.AreEqual("off", publisher.LastOn("nanomqtt/dev1/state/a").Text);
        }

        [TestMethod]
        public void WritesStatesIntoDiag()
        {
            var bank = new ActuatorBank(new RecordingPublisher(), new Topics("nanomqtt", "dev1"));
            var relay = new Actuator(Options("relay1", 0), new FakeDigitalOutput());
            var p = Options("fan", 0);
            p.Kind = ActuatorKind.Pwm;
            var fan = new Actuator(p, new FakePwmOutput());
            bank.Add(relay, 0);
            bank.Add(fan, 0);
            bank.Apply(relay, 10000, 0);
            bank.Apply(fan, 3750, 0);
            Assert.AreSame(fan, bank.Find("fan"));
            Assert.IsNull(bank.Find("nope"));

            var w = new JsonWriter(64);
            w.BeginObject();
            bank.WriteDiag(w);
            w.EndObject();
            Assert.AreEqual("{\"actuators\":{\"relay1\":\"on\",\"fan\":37.5},\"safe_trips\":0}", w.ToString());
        }
    }
}
