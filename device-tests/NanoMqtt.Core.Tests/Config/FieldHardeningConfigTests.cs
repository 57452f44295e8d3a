using NanoMqtt.Core.Config;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Config
{
    /// <summary>The nf.config keys of the field safeguards: [watchdog] loop_stall and heap_floor, [sleep] deploy_window, [time] sntp.</summary>
    [TestClass]
    public class FieldHardeningConfigTests
    {
        private const string Device = "[device]\nid = dev1\n";

        [TestMethod]
        public void DefaultsSuitAFieldDevice()
        {
            DeviceConfig c = Parse(Device);
            Assert.AreEqual(180000L, c.LoopStallMs);
            Assert.AreEqual(8192, c.HeapFloorBytes);
            Assert.AreEqual(60000L, c.Sleep.DeployWindowMs);
            Assert.IsNull(c.SntpServers);
        }

        [TestMethod]
        public void ReadsEveryKey()
        {
            DeviceConfig c = Parse(Device + "[watchdog]\nloop_stall = 2m\nheap_floor = 16384\n[sleep]\ndeploy_window = 90s\n[time]\nsntp = 192.168.1.1, ntp.lan\n");
            Assert.AreEqual(120000L, c.LoopStallMs);
            Assert.AreEqual(16384, c.HeapFloorBytes);
            Assert.AreEqual(90000L, c.Sleep.DeployWindowMs);
            Assert.AreEqual(2, c.SntpServers.Length);
            Assert.AreEqual("192.168.1.1", c.SntpServers[0]);
            Assert.AreEqual("ntp.lan", c.SntpServers[1]);
        }

        [TestMethod]
        public void ZeroTurnsTheSafeguardsOff()
        {
            DeviceConfig c = Parse(Device + "[watchdog]\nloop_stall = 0\nheap_floor = 0\n[sleep]\ndeploy_window = 0\n");
            Assert.AreEqual(0L, c.LoopStallMs);
            Assert.AreEqual(0, c.HeapFloorBytes);
            Assert.AreEqual(0L, c.Sleep.DeployWindowMs);
        }

        [TestMethod]
        [DataRow("[watchdog]\nloop_stall = 30s\n", "at least 90s")]
        [DataRow("[watchdog]\nheap_floor = -1\n", "heap_floor")]
        [DataRow("[sleep]\ndeploy_window = 11m\n", "deploy_window")]
        [DataRow("[time]\nsntp = a, b, c\n", "one or two hosts")]
        [DataRow("[time]\nsntp = ntp lan\n", "one or two hosts")]
        [DataRow("[time]\nsntp = a,,\n", "one or two hosts")]
        [DataRow("[time]\nserver = a\n", "server")]
        public void RefusesBadValues(string text, string expected)
        {
            string error;
            Assert.IsNull(DeviceConfig.Parse(Device + text, null, out error));
            Assert.Contains(expected, error);
        }

        private static DeviceConfig Parse(string text)
        {
            string error;
            DeviceConfig c = DeviceConfig.Parse(text, null, out error);
            Assert.IsNull(error, error);
            return c;
        }
    }
}
