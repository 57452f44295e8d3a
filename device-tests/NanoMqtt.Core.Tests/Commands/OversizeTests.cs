using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Connection;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Commands
{
    /// <summary>
    /// A payload over the inbound limit reaches the core only as its length (LinkEvent.OversizeBytes): the
    /// router refuses it and answers, without a copy of the payload anywhere.
    /// </summary>
    [TestClass]
    public class OversizeTests
    {
        [TestMethod]
        public void AnOversizePayloadIsRefusedByItsLength()
        {
            var f = new RouterFixture();
            LinkEvent e = RouterFixture.Message(f.Topics.Command("relay1"), null);
            e.OversizeBytes = 262144;
            f.Router.OnMessage(e);
            Assert.AreEqual("{\"ok\":false,\"code\":\"payload_too_large\",\"reason\":\"payload of 262144 bytes, over 256\"}", f.Answer("relay1"));
            Assert.IsFalse(f.RelayPin.High);
            Assert.AreEqual(CommandErrors.PayloadTooLarge, f.Router.LastError);
        }

        [TestMethod]
        public void ARetainedOversizePayloadIsRefusedToo()
        {
            var f = new RouterFixture();
            LinkEvent e = RouterFixture.Message(f.Topics.Command("relay1"), null);
            e.OversizeBytes = 262144;
            e.Retain = true;
            f.Router.OnMessage(e);
            Assert.StartsWith("{\"ok\":false,\"code\":\"retained\"", f.Answer("relay1"));
            Assert.AreEqual(1L, f.Router.Refused);
        }
    }
}
