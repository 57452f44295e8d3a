using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Commands
{
    /// <summary>
    /// The router decodes a command into its own char buffer and reads it in place; these check that the
    /// in-place reading says exactly what the string reading says, and that the topics are built once.
    /// </summary>
    [TestClass]
    public class InPlaceCommandTests
    {
        private static char[] Chars(string s)
        {
            var chars = new char[s.Length + 8];
            for (int i = 0; i < s.Length; i++)
            {
                chars[i] = s[i];
            }

            // Garbage after the text: the reader must stop at length.
            for (int i = s.Length; i < chars.Length; i++)
            {
                chars[i] = 'x';
            }

            return chars;
        }

        [TestMethod]
        [DataRow("on")]
        [DataRow("ON")]
        [DataRow("Toggle")]
        [DataRow("37.5")]
        [DataRow("-0")]
        [DataRow("100.005")]
        [DataRow("101")]
        [DataRow("o n")]
        [DataRow(" on")]
        [DataRow("on\n")]
        [DataRow("on\u00A0")]
        [DataRow("\u00E9")]
        [DataRow("")]
        [DataRow("\"on\"")]
        [DataRow("\"o\\u006e\"")]
        [DataRow("{\"id\":\"a1\",\"value\":\"off\"}")]
        [DataRow("{\"v\\u0061lue\":\" On \",\"id\":\"x\\\"y\"}")]
        [DataRow("{\"value\":37.5,\"expires\":1764070100}")]
        [DataRow("{\"value\":true}")]
        [DataRow("{\"value\":\"\"}")]
        [DataRow("{\"cmd\":\"interval\",\"sensor\":\"climate\",\"value\":\"30s\"}")]
        [DataRow("{\"value\":\"on\",\"value\":\"off\"}")]
        [DataRow("{\"id\":5}")]
        [DataRow("{\"value\":\"on\"")]
        [DataRow("  {bad")]
        [DataRow("[1,2]")]
        [DataRow("{\"note\":{\"x\":[1,{\"value\":\"off\"}]},\"value\":\"on\"}")]
        public void ReadingInPlaceAgreesWithReadingTheString(string text)
        {
            var byString = new Command();
            var inPlace = new Command();
            var stringParser = new CommandParser(256);
            var charParser = new CommandParser(256);

            string expectedCode = stringParser.Parse(text.ToCharArray(), text.Length, byString);
            string code = charParser.Parse(Chars(text), text.Length, inPlace);

            Assert.AreEqual(expectedCode, code);
            Assert.AreEqual(byString.Reason, inPlace.Reason);
            Assert.AreEqual(byString.HasValue, inPlace.HasValue);
            Assert.AreEqual(byString.Value, inPlace.Value);
            Assert.AreEqual(byString.Id, inPlace.Id);
            Assert.AreEqual(byString.Cmd, inPlace.Cmd);
            Assert.AreEqual(byString.Sensor, inPlace.Sensor);
            Assert.AreEqual(byString.Expires, inPlace.Expires);
        }

        [TestMethod]
        [DataRow("on")]
        [DataRow("OFF")]
        [DataRow("tOgGlE")]
        [DataRow("0")]
        [DataRow("1")]
        [DataRow("37.5")]
        [DataRow("0.005")]
        [DataRow("+12.34")]
        [DataRow("-0.00")]
        [DataRow("-1")]
        [DataRow("100.01")]
        [DataRow("1.")]
        [DataRow(".5")]
        [DataRow("onn")]
        [DataRow("o n")]
        [DataRow("99999999999999")]
        public void AnActuatorValueReadInPlaceIsTheSameAsTryParse(string text)
        {
            ActuatorVerb expectedVerb;
            int expectedDuty;
            bool expected = ActuatorValue.TryParse(text, out expectedVerb, out expectedDuty);

            ActuatorVerb verb;
            int duty;
            int result = ActuatorValue.ParseInPlace(Chars(text), 0, text.Length, out verb, out duty);

            Assert.AreEqual(expected ? ActuatorValue.Valid : ActuatorValue.Invalid, result);
            Assert.AreEqual((int)expectedVerb, (int)verb);
            Assert.AreEqual(expectedDuty, duty);
        }

        [TestMethod]
        [DataRow(" on")]
        [DataRow("on\t")]
        [DataRow("\u00F6n")]
        [DataRow("")]
        public void TextThatTrimOrToLowerWouldChangeIsLeftToTryParse(string text)
        {
            ActuatorVerb verb;
            int duty;
            Assert.AreEqual(ActuatorValue.NeedsText, ActuatorValue.ParseInPlace(Chars(text), 0, text.Length, out verb, out duty));
        }

        [TestMethod]
        public void AValueInPlaceBecomesAStringOnlyWhenRead()
        {
            var command = new Command();
            char[] chars = Chars("xx37.5");
            command.SetValue(chars, 2, 4);
            Assert.IsTrue(command.HasValue);

            ActuatorVerb verb;
            int duty;
            Assert.IsTrue(command.TryGetActuatorValue(out verb, out duty));
            Assert.AreEqual(3750, duty);

            Assert.AreEqual("37.5", command.Value);
            chars[2] = '9';
            Assert.AreEqual("37.5", command.Value, "once read, the value no longer depends on the buffer");
            command.Clear();
            Assert.IsFalse(command.HasValue);
            Assert.IsNull(command.Value);
        }

        [TestMethod]
        [DataRow("nanomqtt/dev1/cmd/relay1", 18)]
        [DataRow("nanomqtt/dev1/cmd/x", 18)]
        [DataRow("nanomqtt/dev1/cmd/", -1)]
        [DataRow("nanomqtt/dev1/cmd/relay1/result", -1)]
        [DataRow("nanomqtt/dev2/cmd/relay1", -1)]
        [DataRow("nanomqtt/dev1/state/relay1", -1)]
        public void TheTargetIsFoundWithoutCuttingTheTopic(string topic, int start)
        {
            var topics = new Topics("nanomqtt", "dev1");
            Assert.AreEqual(start, topics.CommandTargetStart(topic));
        }

        [TestMethod]
        public void AnActuatorIsFoundByItsWholeCommandTopic()
        {
            var bank = new ActuatorBank(new RecordingPublisher(), new Topics("nanomqtt", "dev1"));
            var relay = new ActuatorOptions();
            relay.Name = "relay1";
            relay.MaxChanges = 0;
            var valve = new ActuatorOptions();
            valve.Name = "valve";
            valve.MaxChanges = 0;
            var relay1 = new Actuator(relay, new FakeDigitalOutput());
            var valve1 = new Actuator(valve, new FakeDigitalOutput());
            bank.Add(relay1, 0);
            bank.Add(valve1, 0);

            Assert.AreSame(relay1, bank.FindByCommandTopic("nanomqtt/dev1/cmd/relay1"));
            Assert.AreSame(valve1, bank.FindByCommandTopic("nanomqtt/dev1/cmd/valve"));
            Assert.IsNull(bank.FindByCommandTopic("nanomqtt/dev1/cmd/relay"));
            Assert.IsNull(bank.FindByCommandTopic("nanomqtt/dev1/cmd/relay12"));
            Assert.IsNull(bank.FindByCommandTopic("nanomqtt/dev1/cmd/Relay1"));
            Assert.IsNull(bank.FindByCommandTopic("nanomqtt/dev2/cmd/relay1"));
            Assert.IsNull(bank.FindByCommandTopic(null));
        }

        [TestMethod]
        [DataRow("relay")]
        [DataRow("relay10")]
        [DataRow("Relay1")]
        [DataRow("devic")]
        public void ANameCloseToAKnownOneIsStillRefusedByName(string target)
        {
            var f = new RouterFixture();
            f.Send(target, "on");

            Assert.IsFalse(f.RelayPin.High);
            Assert.AreEqual("{\"ok\":false,\"code\":\"unknown_actuator\",\"reason\":\"no actuator named " + target + "\"}", f.Answer(target));
            Assert.AreEqual(CommandErrors.UnknownActuator, f.Router.LastError);
        }

        [TestMethod]
        public void StateAndResultTopicsAreBuiltOnceAndReused()
        {
            var f = new RouterFixture();
            f.Send("relay1", "on");
            f.Send("relay1", "off");
            f.Send("device", "ping");
            f.Send("device", "ping");

            // Messages: state, result, state, result, result, result.
            Assert.AreEqual(6, f.Publisher.Count);
            Assert.AreEqual("nanomqtt/dev1/state/relay1", f.Publisher[0].Topic);
            Assert.AreEqual("nanomqtt/dev1/cmd/relay1/result", f.Publisher[1].Topic);
            Assert.AreSame(f.Publisher[0].Topic, f.Publisher[2].Topic);
            Assert.AreSame(f.Publisher[1].Topic, f.Publisher[3].Topic);
            Assert.AreEqual("nanomqtt/dev1/cmd/device/result", f.Publisher[4].Topic);
            Assert.AreSame(f.Publisher[4].Topic, f.Publisher[5].Topic);
            Assert.AreEqual("{\"ok\":true,\"state\":\"pong\"}", f.Publisher[5].Text);
        }

        [TestMethod]
        public void APwmDutyArrivesWithoutLosingDigits()
        {
            var f = new RouterFixture();
            f.Send("fan", "{\"id\":\"f1\",\"value\":37.55}");

            Assert.AreEqual(3755, f.FanPwm.Duty);
            Assert.AreEqual("37.55", f.State("fan"));
            f.Send("fan", "12.5");
            Assert.AreEqual(1250, f.FanPwm.Duty);
        }
    }
}
