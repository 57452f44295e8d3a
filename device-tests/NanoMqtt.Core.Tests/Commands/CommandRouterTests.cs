using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Commands
{
    [TestClass]
    public class CommandRouterTests
    {
        [TestMethod]
        public void PlainOnDrivesTheRelayEchoesTheStateAndAnswers()
        {
            var f = new RouterFixture();
            f.Send("relay1", "on");

            Assert.IsTrue(f.RelayPin.High);
            Assert.IsTrue(f.Relay.Duty > 0);
            var state = f.Publisher.LastOn("nanomqtt/dev1/state/relay1");
            Assert.AreEqual("on", state.Text);
            Assert.IsTrue(state.Retain);
            Assert.AreEqual(1, state.Qos);
            var answer = f.Publisher.LastOn("nanomqtt/dev1/cmd/relay1/result");
            Assert.AreEqual("{\"ok\":true,\"state\":\"on\"}", answer.Text);
            Assert.IsFalse(answer.Retain);
            Assert.AreEqual(1, answer.Qos);
            Assert.AreEqual(2, f.Publisher.Count);
            Assert.AreEqual(1L, f.Router.Applied);
        }

        [TestMethod]
        [DataRow("on", true)]
        [DataRow("ON", true)]
        [DataRow(" on\n", true)]
        [DataRow("1", true)]
        [DataRow("100", true)]
        [DataRow("\"on\"", true)]
        [DataRow("{\"value\":\"on\"}", true)]
        [DataRow("{\"value\":true}", true)]
        [DataRow("{\"value\":1}", true)]
        [DataRow("{ \"value\" : \"On\" , \"note\" : \"x\" }", true)]
        [DataRow("off", false)]
        [DataRow("0", false)]
        [DataRow("{\"value\":false}", false)]
        [DataRow("{\"value\":\"off\"}", false)]
        public void AcceptsEveryFormForARelay(string payload, bool on)
        {
            var f = new RouterFixture();
            if (!on)
            {
                f.Send("relay1", "on");
            }

            f.Send("relay1", payload);

            Assert.AreEqual(on, f.RelayPin.High);
            Assert.AreEqual(on ? "on" : "off", f.State("relay1"));
            Assert.AreEqual(on ? "{\"ok\":true,\"state\":\"on\"}" : "{\"ok\":true,\"state\":\"off\"}", f.Answer("relay1"));
        }

        [TestMethod]
        public void ToggleFlipsTheRelay()
        {
            var f = new RouterFixture();
            f.Send("relay1", "toggle");
            Assert.IsTrue(f.RelayPin.High);
            f.Send("relay1", "toggle");
            Assert.IsFalse(f.RelayPin.High);
            Assert.AreEqual("off", f.State("relay1"));
        }

        [TestMethod]
        public void ActiveLowLedDrivesThePinLowForOn()
        {
            var f = new RouterFixture();
            Assert.IsTrue(f.LedPin.High, "safe state off is a high pin when active low");
            f.Send("led", "on");
            Assert.IsFalse(f.LedPin.High);
            Assert.AreEqual("on", f.State("led"));
        }

        [TestMethod]
        [DataRow("37.5", 3750, "37.5", "37.5")]
        [DataRow("{\"value\":37.5}", 3750, "37.5", "37.5")]
        [DataRow("{\"value\":\"12.25\"}", 1225, "12.25", "12.25")]
        [DataRow("100", 10000, "100", "100")]
        [DataRow("0", 0, "0", "0")]
        [DataRow("0.05", 5, "0.05", "0.05")]
        [DataRow("off", 0, "0", "0")]
        public void SetsAPwmDuty(string payload, int duty, string state, string answerState)
        {
            var f = new RouterFixture();
            f.Send("fan", payload);
            Assert.AreEqual(duty, f.FanPwm.Duty);
            Assert.AreEqual(state, f.State("fan"));
            Assert.AreEqual("{\"ok\":true,\"state\":" + answerState + "}", f.Answer("fan"));
        }

        [TestMethod]
        public void PwmOnRestoresTheLastDutyAndToggleSwitchesOff()
        {
            var f = new RouterFixture();
            f.Send("fan", "60");
            f.Send("fan", "off");
            Assert.AreEqual(0, f.FanPwm.Duty);
            f.Send("fan", "on");
            Assert.AreEqual(6000, f.FanPwm.Duty);
            f.Send("fan", "toggle");
            Assert.AreEqual(0, f.FanPwm.Duty);
            f.Send("fan", "toggle");
            Assert.AreEqual(6000, f.FanPwm.Duty);
        }

        [TestMethod]
        public void JsonCommandEchoesItsId()
        {
            var f = new RouterFixture();
            f.Send("relay1", "{\"id\":\"abc\",\"value\":\"on\",\"expires\":" + (RouterFixture.Wall + 60) + "}");
            Assert.IsTrue(f.RelayPin.High);
            Assert.AreEqual("{\"id\":\"abc\",\"ok\":true,\"state\":\"on\"}", f.Answer("relay1"));
        }

        [TestMethod]
        public void UnknownActuatorIsRefusedWithCodeAndReason()
        {
            var f = new RouterFixture();
            f.Send("relay9", "{\"id\":\"abc\",\"value\":\"on\"}");
            Assert.AreEqual("{\"id\":\"abc\",\"ok\":false,\"code\":\"unknown_actuator\",\"reason\":\"no actuator named relay9\"}", f.Answer("relay9"));
            Assert.AreEqual(1L, f.Router.Refused);
            Assert.AreEqual(CommandErrors.UnknownActuator, f.Router.LastError);
        }

        [TestMethod]
        [DataRow("relay1", "dim", "invalid_value")]
        [DataRow("relay1", "37", "invalid_value")]
        [DataRow("relay1", "", "invalid_value")]
        [DataRow("relay1", "   ", "invalid_value")]
        [DataRow("relay1", "on off", "invalid_value")]
        [DataRow("fan", "150", "invalid_value")]
        [DataRow("fan", "100.01", "invalid_value")]
        [DataRow("fan", "-1", "invalid_value")]
        [DataRow("fan", "1e2", "invalid_value")]
        [DataRow("fan", "37.", "invalid_value")]
        [DataRow("fan", "{\"value\":\"x\"}", "invalid_value")]
        [DataRow("relay1", "{\"value\":\"on\"", "malformed_json")]
        [DataRow("relay1", "{value:on}", "malformed_json")]
        [DataRow("relay1", "{\"value\":\"on\",}", "malformed_json")]
        [DataRow("relay1", "{\"value\":\"on\"} x", "malformed_json")]
        [DataRow("relay1", "\"on", "malformed_json")]
        [DataRow("relay1", "[1,", "invalid_command")]
        [DataRow("relay1", "{\"value\":\"on\",\"note\":{\"x\":[1,2]}}", "invalid_command")]
        [DataRow("relay1", "{\"value\":[\"on\"]}", "invalid_command")]
        [DataRow("relay1", "{\"id\":5,\"value\":\"on\"", "malformed_json")]
        [DataRow("relay1", "[\"on\"]", "invalid_command")]
        [DataRow("relay1", "{\"id\":5,\"value\":\"on\"}", "invalid_command")]
        [DataRow("relay1", "{\"id\":\"\",\"value\":\"on\"}", "invalid_command")]
        [DataRow("relay1", "{\"value\":null}", "invalid_command")]
        [DataRow("relay1", "{\"value\":\"on\",\"value\":\"off\"}", "invalid_command")]
        [DataRow("relay1", "{\"value\":\"on\",\"expires\":\"soon\"}", "invalid_command")]
        [DataRow("relay1", "{\"value\":\"on\",\"expires\":17.5}", "invalid_command")]
        [DataRow("relay1", "{\"id\":\"a\"}", "invalid_command")]
        [DataRow("relay9", "on", "unknown_actuator")]
        public void RefusesBadCommandsWithTheirCode(string target, string payload, string code)
        {
            var f = new RouterFixture();
            f.Send(target, payload);
            string answer = f.Answer(target);
            Assert.IsNotNull(answer);
            Assert.Contains("\"ok\":false,\"code\":\"" + code + "\",\"reason\":\"", answer);
            Assert.IsFalse(f.RelayPin.High);
            Assert.AreEqual(2500, f.FanPwm.Duty, "the fan stays in its safe state");
            Assert.AreEqual(1, f.Publisher.Count, "an answer and no state");
            Assert.AreEqual(1L, f.Router.Refused);
            Assert.AreEqual(code, f.Router.LastError);
        }

        [TestMethod]
        public void EchoesTheIdOnARefusalButNotAnInvalidId()
        {
            var f = new RouterFixture();
            f.Send("relay1", "{\"id\":\"abc\",\"value\":\"dim\"}");
            Assert.AreEqual("{\"id\":\"abc\",\"ok\":false,\"code\":\"invalid_value\",\"reason\":\"relay1 takes on, off, toggle, 0 or 1, not 'dim'\"}", f.Answer("relay1"));

            string longId = "0123456789012345678901234567890123456789012345678901234567890123456789";
            f.Send("relay1", "{\"id\":\"" + longId + "\",\"value\":\"on\"}");
            Assert.StartsWith("{\"ok\":false,\"code\":\"invalid_command\"", f.Answer("relay1"));
        }

        [TestMethod]
        public void OversizedPayloadIsRefusedBeforeDecoding()
        {
            var f = new RouterFixture();
            byte[] big = new byte[257];
            for (int i = 0; i < big.Length; i++)
            {
                big[i] = 0xFF;
            }

            f.SendBytes(f.Topics.Command("relay1"), big);
            Assert.AreEqual("{\"ok\":false,\"code\":\"payload_too_large\",\"reason\":\"payload of 257 bytes, over 256\"}", f.Answer("relay1"));

            // At the limit it is read: a padded "on" is fine.
            string padded = "on";
            while (padded.Length < 256)
            {
                padded = " " + padded;
            }

            f.Send("relay1", padded);
            Assert.AreEqual("{\"ok\":true,\"state\":\"on\"}", f.Answer("relay1"));
        }

        [TestMethod]
        public void PayloadLimitComesFromTheOptions()
        {
            var options = new CommandRouterOptions();
            options.MaxPayloadBytes = 8;
            var f = new RouterFixture(RouterFixture.Wall, new MemorySettingsStore(), options);
            f.Send("relay1", "{\"value\":\"on\"}");
            Assert.StartsWith("{\"ok\":false,\"code\":\"payload_too_large\"", f.Answer("relay1"));
            f.Send("relay1", "on");
            Assert.IsTrue(f.RelayPin.High);
        }

        [TestMethod]
        [DataRow("6fff")]
        [DataRow("c0af")]
        [DataRow("eda080")]
        [DataRow("e282")]
        public void BadUtf8IsRefused(string hex)
        {
            var f = new RouterFixture();
            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((HexDigit(hex[2 * i]) << 4) | HexDigit(hex[2 * i + 1]));
            }

            f.SendBytes(f.Topics.Command("relay1"), bytes);
            Assert.AreEqual("{\"ok\":false,\"code\":\"bad_encoding\",\"reason\":\"payload is not valid UTF-8\"}", f.Answer("relay1"));
            Assert.AreEqual(CommandErrors.BadEncoding, f.Router.LastError);
        }

        [TestMethod]
        public void NullPayloadIsAnEmptyCommand()
        {
            var f = new RouterFixture();
            f.SendBytes(f.Topics.Command("relay1"), null);
            Assert.StartsWith("{\"ok\":false,\"code\":\"invalid_value\"", f.Answer("relay1"));
        }

        [TestMethod]
        public void DuplicateIdIsRefusedAndNotAppliedTwice()
        {
            var f = new RouterFixture();
            f.Send("relay1", "{\"id\":\"t1\",\"value\":\"toggle\"}");
            Assert.IsTrue(f.RelayPin.High);
            f.Send("relay1", "{\"id\":\"t1\",\"value\":\"toggle\"}");
            Assert.IsTrue(f.RelayPin.High, "the redelivered toggle did not run");
            Assert.AreEqual("{\"id\":\"t1\",\"ok\":false,\"code\":\"duplicate\",\"reason\":\"command t1 was already applied\"}", f.Answer("relay1"));

            // A refused command does not use up its id: sent again correctly, it runs.
            f.Send("relay1", "{\"id\":\"t2\",\"value\":\"dim\"}");
            f.Send("relay1", "{\"id\":\"t2\",\"value\":\"off\"}");
            Assert.IsFalse(f.RelayPin.High);
        }

        [TestMethod]
        public void RecentIdsAreBounded()
        {
            var options = new CommandRouterOptions();
            options.RecentIdCapacity = 2;
            var f = new RouterFixture(RouterFixture.Wall, null, options);
            f.Send("fan", "{\"id\":\"a\",\"value\":10}");
            f.Send("fan", "{\"id\":\"b\",\"value\":20}");
            f.Send("fan", "{\"id\":\"c\",\"value\":30}");
            f.Send("fan", "{\"id\":\"a\",\"value\":40}");
            Assert.AreEqual(4000, f.FanPwm.Duty, "a was forgotten after two newer ids");
            f.Send("fan", "{\"id\":\"c\",\"value\":50}");
            Assert.StartsWith("{\"id\":\"c\",\"ok\":false,\"code\":\"duplicate\"", f.Answer("fan"));
        }

        [TestMethod]
        public void ToggleIdSurvivesAReboot()
        {
            var store = new MemorySettingsStore();
            var before = new RouterFixture(RouterFixture.Wall, store, null);
            before.Send("relay1", "{\"id\":\"t1\",\"value\":\"toggle\"}");
            Assert.IsTrue(before.RelayPin.High);
            Assert.AreEqual("t1", store.Read(CommandRouter.RecentIdsKey));

            // The broker redelivers the unacknowledged toggle to the rebooted device.
            var after = new RouterFixture(RouterFixture.Wall, store, null);
            after.Send("relay1", "{\"id\":\"t1\",\"value\":\"toggle\"}");
            Assert.IsFalse(after.RelayPin.High);
            Assert.StartsWith("{\"id\":\"t1\",\"ok\":false,\"code\":\"duplicate\"", after.Answer("relay1"));
        }

        [TestMethod]
        public void IdempotentCommandsDoNotWriteFlash()
        {
            var store = new MemorySettingsStore();
            var f = new RouterFixture(RouterFixture.Wall, store, null);
            f.Send("relay1", "{\"id\":\"o1\",\"value\":\"on\"}");
            f.Send("fan", "{\"id\":\"o2\",\"value\":50}");
            Assert.AreEqual(0, store.WriteCount);
        }

        [TestMethod]
        public void PersistedIdsAreBounded()
        {
            var options = new CommandRouterOptions();
            options.PersistedIdCapacity = 2;
            options.MaxPayloadBytes = 256;
            var store = new MemorySettingsStore();
            var f = new RouterFixture(RouterFixture.Wall, store, options);
            f.Send("led", "{\"id\":\"x1\",\"value\":\"toggle\"}");
            f.Send("led", "{\"id\":\"x2\",\"value\":\"toggle\"}");
            f.Send("led", "{\"id\":\"x3\",\"value\":\"toggle\"}");
            Assert.AreEqual("x2\nx3", store.Read(CommandRouter.RecentIdsKey));
        }

        [TestMethod]
        public void ExpiredCommandIsRefused()
        {
            var f = new RouterFixture();
            f.Send("relay1", "{\"id\":\"v1\",\"value\":\"on\",\"expires\":" + (RouterFixture.Wall - 3600) + "}");
            Assert.AreEqual("{\"id\":\"v1\",\"ok\":false,\"code\":\"expired\",\"reason\":\"expired 3600 s ago\"}", f.Answer("relay1"));
            Assert.IsFalse(f.RelayPin.High);

            // Expiry is exclusive: at the second itself the command is already stale.
            f.Send("relay1", "{\"value\":\"on\",\"expires\":" + RouterFixture.Wall + "}");
            Assert.StartsWith("{\"ok\":false,\"code\":\"expired\"", f.Answer("relay1"));

            f.Send("relay1", "{\"value\":\"on\",\"expires\":" + (RouterFixture.Wall + 1) + "}");
            Assert.IsTrue(f.RelayPin.High);
        }

        [TestMethod]
        public void UnknownWallTimeRefusesACommandWithExpiryOnly()
        {
            var f = new RouterFixture(0, new MemorySettingsStore(), null);
            f.Send("relay1", "{\"id\":\"v2\",\"value\":\"on\",\"expires\":" + RouterFixture.Wall + "}");
            Assert.StartsWith("{\"id\":\"v2\",\"ok\":false,\"code\":\"time_unknown\"", f.Answer("relay1"));
            Assert.IsFalse(f.RelayPin.High);
            Assert.AreEqual(CommandErrors.TimeUnknown, f.Router.LastError);

            f.Send("relay1", "{\"id\":\"v3\",\"value\":\"on\"}");
            Assert.IsTrue(f.RelayPin.High, "without an expiry the time does not matter");
        }

        [TestMethod]
        public void RateLimitRefusesTheFourthChangeInAMinute()
        {
            var f = new RouterFixture();
            f.Send("relay1", "on");
            f.Clock.Advance(1000);
            f.Send("relay1", "off");
            f.Clock.Advance(1000);
            f.Send("relay1", "on");
            f.Clock.Advance(1000);
            int writes = f.RelayPin.Writes;

            f.Send("relay1", "off");
            Assert.AreEqual("{\"ok\":false,\"code\":\"rate_limited\",\"reason\":\"relay1 changed too often; retry in 57s\"}", f.Answer("relay1"));
            Assert.IsTrue(f.RelayPin.High);
            Assert.AreEqual(writes, f.RelayPin.Writes, "the pin was not touched");

            // Repeating the current state is not a change, so it is allowed.
            f.Send("relay1", "on");
            Assert.AreEqual("{\"ok\":true,\"state\":\"on\"}", f.Answer("relay1"));

            // 60 s after the first change the window has room again.
            f.Clock.NowMs = RouterFixture.Boot + 60000;
            f.Send("relay1", "off");
            Assert.IsFalse(f.RelayPin.High);
            Assert.AreEqual(1L, f.Router.Refused);
            Assert.AreEqual(CommandErrors.RateLimited, f.Router.LastError);
        }

        [TestMethod]
        public void RetainedCommandIsRefused()
        {
            var f = new RouterFixture();
            var e = RouterFixture.Message(f.Topics.Command("relay1"), Utf8.GetBytes("on"));
            e.Retain = true;
            f.Router.OnMessage(e);
            Assert.StartsWith("{\"ok\":false,\"code\":\"retained\"", f.Answer("relay1"));
            Assert.IsFalse(f.RelayPin.High);
        }

        [TestMethod]
        public void RetainedCommandsCanBeAllowed()
        {
            var options = new CommandRouterOptions();
            options.RefuseRetained = false;
            var f = new RouterFixture(RouterFixture.Wall, null, options);
            var e = RouterFixture.Message(f.Topics.Command("relay1"), Utf8.GetBytes("on"));
            e.Retain = true;
            f.Router.OnMessage(e);
            Assert.IsTrue(f.RelayPin.High);
        }

        [TestMethod]
        public void Mqtt5AnswersOnTheResponseTopicWithCorrelationData()
        {
            var f = new RouterFixture();
            var e = RouterFixture.Message(f.Topics.Command("relay1"), Utf8.GetBytes("{\"id\":\"r1\",\"value\":\"on\"}"));
            e.ResponseTopic = "app/replies/7";
            e.CorrelationData = new byte[] { 1, 2, 3 };
            f.Router.OnMessage(e);

            var reply = f.Publisher.LastOn("app/replies/7");
            Assert.IsNotNull(reply);
            Assert.AreEqual("{\"id\":\"r1\",\"ok\":true,\"state\":\"on\"}", reply.Text);
            Assert.AreEqual(1, reply.Qos);
            Assert.IsFalse(reply.Retain);
            Assert.AreSame(e.CorrelationData, reply.CorrelationData);
            Assert.AreEqual(reply.Text, f.Answer("relay1"), "the result topic gets the same answer");
            Assert.AreEqual(1, f.Publisher.CountOn("app/replies/7"));
        }

        [TestMethod]
        public void Mqtt5RefusalGoesToTheResponseTopicToo()
        {
            var f = new RouterFixture();
            var e = RouterFixture.Message(f.Topics.Command("nope"), Utf8.GetBytes("on"));
            e.ResponseTopic = "app/replies/8";
            e.CorrelationData = new byte[] { 9 };
            f.Router.OnMessage(e);
            Assert.StartsWith("{\"ok\":false,\"code\":\"unknown_actuator\"", f.Publisher.LastOn("app/replies/8").Text);
            Assert.AreEqual(9, (int)f.Publisher.LastOn("app/replies/8").CorrelationData[0]);
        }

        [TestMethod]
        public void WildcardResponseTopicIsNotUsed()
        {
            var f = new RouterFixture();
            var e = RouterFixture.Message(f.Topics.Command("relay1"), Utf8.GetBytes("on"));
            e.ResponseTopic = "app/#";
            f.Router.OnMessage(e);
            Assert.AreEqual(0, f.Publisher.CountOn("app/#"));
            Assert.AreEqual("{\"ok\":true,\"state\":\"on\"}", f.Answer("relay1"));
        }

        [TestMethod]
        [DataRow("nanomqtt/dev2/cmd/relay1")]
        [DataRow("nanomqtt/dev1/cmd/relay1/result")]
        [DataRow("nanomqtt/dev1/state/relay1")]
        [DataRow("nanomqtt/dev1/cmd/")]
        [DataRow("nanomqtt/dev1/cmd/#")]
        public void IgnoresMessagesThatAreNotCommands(string topic)
        {
            var f = new RouterFixture();
            f.SendBytes(topic, Utf8.GetBytes("on"));
            Assert.AreEqual(0, f.Publisher.Count);
            Assert.IsFalse(f.RelayPin.High);
            Assert.AreEqual(1L, f.Router.Ignored);
            Assert.AreEqual(0L, f.Router.Received);
        }

        [TestMethod]
        public void IgnoresOtherLinkEvents()
        {
            var f = new RouterFixture();
            var e = new LinkEvent(LinkEventKind.Connected);
            e.Topic = f.Topics.Command("relay1");
            e.Payload = Utf8.GetBytes("on");
            f.Router.OnMessage(e);
            f.Router.OnMessage(null);
            Assert.AreEqual(0, f.Publisher.Count);
            Assert.IsFalse(f.RelayPin.High);
        }

        [TestMethod]
        public void WritesCountersIntoDiag()
        {
            var f = new RouterFixture();
            f.Send("relay1", "on");
            f.Send("relay1", "dim");
            var w = new JsonWriter(64);
            w.BeginObject();
            f.Router.WriteDiag(w);
            w.EndObject();
            Assert.AreEqual("{\"commands\":{\"received\":2,\"applied\":1,\"refused\":1,\"ignored\":0,\"last_error\":\"invalid_value\"}}", w.ToString());
        }

        private static int HexDigit(char c)
        {
            return c <= '9' ? c - '0' : c - 'a' + 10;
        }
    }
}
