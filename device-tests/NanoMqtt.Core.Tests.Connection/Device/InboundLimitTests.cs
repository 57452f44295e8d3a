using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Device;
using nanoFramework.TestFramework;
using NanoMqtt.Core.Tests.Fakes;

namespace NanoMqtt.Core.Tests.Device
{
    /// <summary>The device asks the broker (MQTT 5) for packets no larger than its command limit allows.</summary>
    [TestClass]
    public class InboundLimitTests
    {
        [TestMethod]
        [DataRow(256, 1280)]
        [DataRow(4096, 5120)]
        public void TheDeviceAsksForPacketsOfItsCommandLimit(int maxPayload, int expected)
        {
            var rig = new DeviceRig(TestConfig.Device + "[commands]\nmax_payload = " + maxPayload + "\n");
            rig.RunFor(100);
            ConnectRequest r = rig.Link.LastConnectRequest;
            Assert.IsNotNull(r);
            Assert.AreEqual(expected, r.MaxPacketBytes);
            Assert.AreEqual(maxPayload + FieldDevice.InboundPacketOverheadBytes, r.MaxPacketBytes);
        }
    }
}
