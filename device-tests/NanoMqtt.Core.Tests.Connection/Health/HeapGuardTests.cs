using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Health;
using NanoMqtt.Core.Tests.Device;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Health
{
    [TestClass]
    public class HeapGuardTests
    {
        private const string Config = TestConfig.Device + "[watchdog]\nheap_floor = 8192\n";

        [TestMethod]
        public void ReadsTheHeapEveryPeriodAndKeepsTheLowest()
        {
            var platform = new FakeDevicePlatform();
            var guard = new HeapGuard(8192, platform, 10000);
            long next;
            platform.FreeHeapBytes = 40000;
            Assert.AreEqual((int)HeapVerdict.Fine, (int)guard.Step(0, out next));
            Assert.AreEqual(10000L, next);
            platform.FreeHeapBytes = 20000;
            guard.Step(5000, out next);
            Assert.AreEqual(40000L, guard.Lowest, "not read before the period is over");
            guard.Step(10000, out next);
            Assert.AreEqual(20000L, guard.Lowest);
            platform.FreeHeapBytes = 30000;
            guard.Step(20000, out next);
            Assert.AreEqual(20000L, guard.Lowest);
        }

        [TestMethod]
        public void BelowTheFloorAfterBeingAboveIsAReboot()
        {
            var platform = new FakeDevicePlatform();
            var guard = new HeapGuard(8192, platform, 10000);
            long next;
            platform.FreeHeapBytes = 30000;
            guard.Step(0, out next);
            platform.FreeHeapBytes = 8191;
            Assert.AreEqual((int)HeapVerdict.Reboot, (int)guard.Step(10000, out next));
            Assert.AreEqual("heap: 8191 bytes free, below the floor of 8192", guard.Reason);
            Assert.AreEqual((int)HeapVerdict.Fine, (int)guard.Step(20000, out next), "once");
        }

        [TestMethod]
        public void AFloorAboveTheBootHeapIsReportedNotRebootedFor()
        {
            var platform = new FakeDevicePlatform();
            platform.FreeHeapBytes = 6000;
            var guard = new HeapGuard(8192, platform, 10000);
            long next;
            Assert.AreEqual((int)HeapVerdict.FloorTooHigh, (int)guard.Step(0, out next));
            Assert.Contains("heap_floor 8192 is above the 6000 bytes free after boot", guard.Reason);
            platform.FreeHeapBytes = 1000;
            Assert.AreEqual((int)HeapVerdict.Fine, (int)guard.Step(10000, out next));
            Assert.AreEqual(1000L, guard.Lowest);
        }

        [TestMethod]
        [DataRow(0, 10L)]
        [DataRow(8192, -1L)]
        public void OffOrUnknownNeverActs(int floor, long free)
        {
            var platform = new FakeDevicePlatform();
            platform.FreeHeapBytes = free;
            var guard = new HeapGuard(floor, platform, 10000);
            long next;
            Assert.AreEqual((int)HeapVerdict.Fine, (int)guard.Step(0, out next));
        }

        [TestMethod]
        public void TheDeviceRebootsOnALowHeapWithTheReasonInTheNextDiag()
        {
            var rig = new DeviceRig(Config);
            rig.RunFor(1000);
            Assert.AreEqual((int)ConnectionState.Online, (int)rig.Device.Supervisor.State);
            Assert.Contains("\"heap_min\":80000,\"heap_floor\":8192", rig.Last("nanomqtt/dev1/diag").Text);

            rig.Platform.FreeHeapBytes = 4000;
            rig.RunFor(15000);
            Assert.AreEqual(1, rig.Platform.RebootCount);
            Assert.AreEqual("offline", rig.Last("nanomqtt/dev1/status").Text, "a clean shutdown first");

            var next = new DeviceRig(Config, rig.Settings);
            next.RunFor(1000);
            Assert.Contains("\"reset_reason\":\"heap: 4000 bytes free, below the floor of 8192\"", next.Last("nanomqtt/dev1/diag").Text);
        }

        [TestMethod]
        public void AFloorTooHighIsReportedOnTheErrorTopic()
        {
            var rig = new DeviceRig(TestConfig.Device + "[watchdog]\nheap_floor = 100000\n");
            rig.RunFor(1000);
            Assert.Contains("heap_floor 100000 is above the 80000 bytes free after boot", rig.Last("nanomqtt/dev1/error").Text);
            rig.RunFor(60000);
            Assert.AreEqual(0, rig.Platform.RebootCount);
        }
    }
}
