using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Commands
{
    /// <summary>The id of a JSON command through the router: decoded, echoed, deduplicated and persisted exactly.</summary>
    [TestClass]
    public class CommandIdTests
    {
        [TestMethod]
        public void EscapedIdIsADuplicateOfItsPlainForm()
        {
            var f = new RouterFixture();
            f.Send("relay1", "{\"id\":\"c1\",\"value\":\"toggle\"}");
            Assert.IsTrue(f.RelayPin.High);
            f.Send("relay1", "{\"id\":\"\\u0063\\u0031\",\"value\":\"toggle\"}");
            Assert.IsTrue(f.RelayPin.High, "the escaped redelivery did not run");
            Assert.AreEqual("{\"id\":\"c1\",\"ok\":false,\"code\":\"duplicate\",\"reason\":\"command c1 was already applied\"}", f.Answer("relay1"));
        }

        [TestMethod]
        public void EscapedIdIsEchoedDecodedAndReescaped()
        {
            var f = new RouterFixture();
            f.Send("relay1", "{\"value\":\"on\",\"id\":\"a\\\"b\\\\c\\/d\"}");
            Assert.AreEqual("{\"id\":\"a\\\"b\\\\c/d\",\"ok\":true,\"state\":\"on\"}", f.Answer("relay1"));
            f.Send("relay1", "{\"id\":\"a\\u0022b\\u005cc/d\",\"value\":\"on\"}");
            Assert.StartsWith("{\"id\":\"a\\\"b\\\\c/d\",\"ok\":false,\"code\":\"duplicate\"", f.Answer("relay1"));
        }

        [TestMethod]
        public void NonAsciiIdIsEchoedByteForByte()
        {
            var f = new RouterFixture();
            string id = "\u00e9\u20ac\ud83d\ude00-x";
            f.Send("relay1", "{\"id\":\"" + id + "\",\"value\":\"on\"}");
            PublishedMessage answer = f.Publisher.LastOn(f.Topics.CommandResult("relay1"));
            byte[] expected = Utf8.GetBytes("{\"id\":\"" + id + "\",\"ok\":true,\"state\":\"on\"}");
            Assert.AreEqual(expected.Length, answer.Payload.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], answer.Payload[i]);
            }

            f.Send("relay1", "{\"id\":\"\\u00e9\\u20AC\\ud83d\\ude00-x\",\"value\":\"off\"}");
            Assert.StartsWith("{\"id\":\"" + id + "\",\"ok\":false,\"code\":\"duplicate\"", f.Answer("relay1"));
            Assert.IsTrue(f.RelayPin.High);
        }

        [TestMethod]
        public void NonAsciiIdIsEchoedAsItsUtf8Bytes()
        {
            var f = new RouterFixture();
            f.Send("relay1", "{\"id\":\"\u00e9\u20ac\ud83d\ude00-x\",\"value\":\"on\"}");
            PublishedMessage answer = f.Publisher.LastOn(f.Topics.CommandResult("relay1"));
            // {"id":" then é, €, the emoji and -x, spelled out byte by byte (not through the encoder under test).
            byte[] expected = { 0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0x2D, 0x78, 0x22, 0x2C };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], answer.Payload[i]);
            }
        }

        [TestMethod]
        public void IdOfSixtyFourWideCharactersIsKeptWhole()
        {
            var f = new RouterFixture();
            string id = new string('\u20ac', CommandParser.MaxIdLength);
            f.Send("relay1", "{\"id\":\"" + id + "\",\"value\":\"on\"}");
            Assert.AreEqual("{\"id\":\"" + id + "\",\"ok\":true,\"state\":\"on\"}", f.Answer("relay1"));

            // Differs from the first only in its last character.
            string other = new string('\u20ac', CommandParser.MaxIdLength - 1) + "x";
            f.Send("relay1", "{\"id\":\"" + other + "\",\"value\":\"off\"}");
            Assert.IsFalse(f.RelayPin.High);
            f.Send("relay1", "{\"id\":\"" + id + "\",\"value\":\"on\"}");
            Assert.StartsWith("{\"id\":\"" + id + "\",\"ok\":false,\"code\":\"duplicate\"", f.Answer("relay1"));

            f.Send("relay1", "{\"id\":\"" + id + "\u20ac\",\"value\":\"on\"}");
            Assert.AreEqual("{\"ok\":false,\"code\":\"invalid_command\",\"reason\":\"\\\"id\\\" must be 1 to 64 characters\"}", f.Answer("relay1"));
        }

        [TestMethod]
        public void EscapedIdAtTheLimit()
        {
            var options = new CommandRouterOptions();
            options.MaxPayloadBytes = 512;
            var f = new RouterFixture(RouterFixture.Wall, new MemorySettingsStore(), options);
            string escaped = "";
            for (int i = 0; i < CommandParser.MaxIdLength; i++)
            {
                escaped += "\\u0041";
            }

            f.Send("relay1", "{\"id\":\"" + escaped + "\",\"value\":\"on\"}");
            Assert.AreEqual("{\"id\":\"" + new string('A', CommandParser.MaxIdLength) + "\",\"ok\":true,\"state\":\"on\"}", f.Answer("relay1"));
            f.Send("relay1", "{\"id\":\"" + escaped + "\\u0041\",\"value\":\"on\"}");
            Assert.StartsWith("{\"ok\":false,\"code\":\"invalid_command\"", f.Answer("relay1"));
        }

        [TestMethod]
        public void EscapedControlCharacterInAnIdIsRefused()
        {
            var f = new RouterFixture();
            f.Send("relay1", "{\"id\":\"a\\nb\",\"value\":\"on\"}");
            Assert.AreEqual("{\"ok\":false,\"code\":\"invalid_command\",\"reason\":\"\\\"id\\\" must not hold control characters\"}", f.Answer("relay1"));
            Assert.IsFalse(f.RelayPin.High);
        }

        [TestMethod]
        public void DuplicateIsRefusedUntilTheIdIsEvicted()
        {
            var f = new RouterFixture();
            int capacity = new CommandRouterOptions().RecentIdCapacity;
            for (int i = 0; i < capacity; i++)
            {
                f.Send("fan", "{\"id\":\"d" + i + "\",\"value\":" + (i % 100) + "}");
            }

            f.Send("fan", "{\"id\":\"d0\",\"value\":77}");
            Assert.StartsWith("{\"id\":\"d0\",\"ok\":false,\"code\":\"duplicate\"", f.Answer("fan"));

            // One newer id pushes d0, the oldest, out.
            f.Send("fan", "{\"id\":\"d" + capacity + "\",\"value\":5}");
            f.Send("fan", "{\"id\":\"d0\",\"value\":77}");
            Assert.AreEqual("{\"id\":\"d0\",\"ok\":true,\"state\":77}", f.Answer("fan"));
            f.Send("fan", "{\"id\":\"d1\",\"value\":78}");
            Assert.AreEqual("{\"id\":\"d1\",\"ok\":true,\"state\":78}", f.Answer("fan"), "d1 was pushed out by d0");
            f.Send("fan", "{\"id\":\"d3\",\"value\":79}");
            Assert.StartsWith("{\"id\":\"d3\",\"ok\":false,\"code\":\"duplicate\"", f.Answer("fan"));
        }

        [TestMethod]
        public void EscapedToggleIdIsPersistedDecoded()
        {
            var store = new MemorySettingsStore();
            var before = new RouterFixture(RouterFixture.Wall, store, null);
            before.Send("relay1", "{\"id\":\"t\\u00e9\",\"value\":\"toggle\"}");
            Assert.AreEqual("t\u00e9", store.Read(CommandRouter.RecentIdsKey));

            var after = new RouterFixture(RouterFixture.Wall, store, null);
            after.Send("relay1", "{\"id\":\"t\u00e9\",\"value\":\"toggle\"}");
            Assert.IsFalse(after.RelayPin.High);
            Assert.StartsWith("{\"id\":\"t\u00e9\",\"ok\":false,\"code\":\"duplicate\"", after.Answer("relay1"));
        }

        [TestMethod]
        public void RebootReasonNamesTheDecodedId()
        {
            var f = new RouterFixture();
            f.Send("device", "{\"id\":\"r\\u0031\",\"value\":\"reboot\"}");
            Assert.AreEqual("{\"id\":\"r1\",\"ok\":true,\"state\":\"rebooting\"}", f.Answer("device"));
            Assert.AreEqual("command r1", f.Actions.RebootReason);
        }
    }
}
