using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Actuators
{
    [TestClass]
    public class ActuatorValueTests
    {
        [TestMethod]
        [DataRow("0", 0)]
        [DataRow("100", 10000)]
        [DataRow("37.5", 3750)]
        [DataRow("37.50", 3750)]
        [DataRow("0.01", 1)]
        [DataRow("0.005", 1)]
        [DataRow("0.004", 0)]
        [DataRow("99.995", 10000)]
        [DataRow("+5", 500)]
        [DataRow("-0", 0)]
        [DataRow(" 7 ", 700)]
        [DataRow("100.001", 10000)]
        [DataRow("100.01", -2)]
        [DataRow("101", -2)]
        [DataRow("-1", -2)]
        [DataRow("99999999999999999999", -2)]
        [DataRow("", -1)]
        [DataRow(".5", -1)]
        [DataRow("5.", -1)]
        [DataRow("1e2", -1)]
        [DataRow("1,5", -1)]
        [DataRow("abc", -1)]
        [DataRow("-", -1)]
        public void ParsesPercentages(string text, int expected)
        {
            // expected: the duty, -2 for a number outside 0..100, -1 for no plain number; both are refused.
            ActuatorVerb verb;
            int duty;
            Assert.AreEqual(expected >= 0, ActuatorValue.TryParse(text, out verb, out duty));
            Assert.AreEqual(expected >= 0 ? ActuatorVerb.Duty : ActuatorVerb.Off, verb);
            Assert.AreEqual(expected >= 0 ? expected : 0, duty);
        }

        [TestMethod]
        [DataRow(0, "0")]
        [DataRow(5, "0.05")]
        [DataRow(50, "0.5")]
        [DataRow(3750, "37.5")]
        [DataRow(1225, "12.25")]
        [DataRow(10000, "100")]
        public void FormatsPercentages(int duty, string expected)
        {
            // As the state topic of a PWM channel carries it.
            var publisher = new RecordingPublisher();
            var bank = new ActuatorBank(publisher, new Topics("nanomqtt", "dev1"));
            var o = new ActuatorOptions();
            o.Name = "fan";
            o.Kind = ActuatorKind.Pwm;
            o.MaxChanges = 0;
            var fan = new Actuator(o, new FakePwmOutput());
            bank.Add(fan, 0);
            Assert.IsTrue(bank.Apply(fan, duty, 0));
            Assert.AreEqual(expected, publisher.LastOn("nanomqtt/dev1/state/fan").Text);
        }

        [TestMethod]
        [DataRow("on", 1, 0)]
        [DataRow("Off", 0, 0)]
        [DataRow(" TOGGLE ", 2, 0)]
        [DataRow("42", 3, 4200)]
        public void ParsesVerbsAndDuties(string text, int verb, int duty)
        {
            ActuatorVerb v;
            int d;
            Assert.IsTrue(ActuatorValue.TryParse(text, out v, out d));
            Assert.AreEqual(verb, (int)v);
            Assert.AreEqual(duty, d);
        }

        [TestMethod]
        public void RefusesOtherWords()
        {
            ActuatorVerb v;
            int d;
            Assert.IsFalse(ActuatorValue.TryParse("open", out v, out d));
            Assert.IsFalse(ActuatorValue.TryParse(null, out v, out d));
            Assert.IsFalse(ActuatorValue.TryParse("150", out v, out d));
        }
    }
}
