using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Device;
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
            Assert.AreEqual("{\"ok\":false,\"code\":\"payload_too_large\",\"reason\":\"payload of 262144 bytes; the limit is 256\"}", f.Answer("relay1"));
            Assert.IsFalse(f.RelayPin.High);
            Assert.AreEqual(1L, f.Router.RefusedWith(CommandErrors.PayloadTooLarge));
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

        [TestMethod]
        [DataRow(256, 1280)]
        [DataRow(4096, 5120)]
        public void TheDeviceAsksForPacketsOfItsCommandLimit(int maxPayload, int expected)
        {
            var rig = new Device.DeviceRig("[device]\nid = dev1\n[mqtt]\nbrokers = broker:1883\n[commands]\nmax_payload = " + maxPayload + "\n");
            rig.RunFor(100);
            ConnectRequest r = rig.Link.LastConnectRequest;
            Assert.IsNotNull(r);
            Assert.AreEqual(expected, r.MaxPacketBytes);
            Assert.AreEqual(maxPayload + FieldDevice.InboundPacketOverheadBytes, r.MaxPacketBytes);
        }
    }
}
