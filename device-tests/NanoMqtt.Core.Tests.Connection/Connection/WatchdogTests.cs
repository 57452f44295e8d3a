using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Connection
{
    [TestClass]
    public class WatchdogTests
    {
        private const string WatchdogReason = "watchdog: no broker session for 900 s";

        [TestMethod]
        public void NoSessionForFifteenMinutesRebootsWithTheReasonRecorded()
        {
            var rig = new SupervisorRig();
            rig.Link.ConnectFailure = LinkFailure.Refused;
            rig.Build();
            rig.RunUntil(899999);
            Assert.AreEqual(0, rig.Platform.RebootCount);
            Assert.IsNull(rig.Settings.Read(RebootKeeper.ResetReasonKey));

            rig.RunUntil(900000);
            Assert.AreEqual(1, rig.Platform.RebootCount);
            Assert.IsTrue(rig.Supervisor.Reboots.Requested);
            Assert.AreEqual(WatchdogReason, rig.Settings.Read(RebootKeeper.ResetReasonKey));

            // Reboot returned (as in the simulator): no second request, no more attempts.
            int attempts = rig.Link.ConnectRequests.Count;
            rig.RunFor(3600000);
            Assert.AreEqual(1, rig.Platform.RebootCount);
            Assert.AreEqual(attempts, rig.Link.ConnectRequests.Count);
        }

        [TestMethod]
        public void TheNextBootReportsTheReasonOnceAndClearsIt()
        {
            var rig = new SupervisorRig();
            rig.Network.IsUp = false;
            rig.Build();
            rig.RunUntil(900000);
            Assert.AreEqual(1, rig.Platform.RebootCount);

            // The next boot: same flash, a new device.
            var next = new SupervisorRig();
            var settings = rig.Settings;
            var booted = new ConnectionSupervisor(next.Options, next.Link, next.Network, next.Clock, next.Jitter, new RebootKeeper(settings, next.Platform), next.Topics, null, null);
            Assert.AreEqual(WatchdogReason, booted.Reboots.LastResetReason);
            Assert.IsNull(settings.Read(RebootKeeper.ResetReasonKey), "read once, then cleared");

            var third = new ConnectionSupervisor(next.Options, next.Link, next.Network, next.Clock, next.Jitter, new RebootKeeper(settings, next.Platform), next.Topics, null, null);
            Assert.AreEqual("power-on", third.Reboots.LastResetReason);
        }

        [TestMethod]
        public void TheHardwareReasonIsUsedWhenTheCoreRecordedNone()
        {
            var rig = new SupervisorRig();
            rig.Platform.HardwareResetReason = "brownout";
            rig.Build();
            Assert.AreEqual("brownout", rig.Supervisor.Reboots.LastResetReason);
        }

        [TestMethod]
        public void TheWatchdogCountsFromTheLastSession()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.RunFor(20 * 60 * 1000);
            Assert.AreEqual(0, rig.Platform.RebootCount, "online for 20 minutes: no reboot");

            rig.Link.ConnectFailure = LinkFailure.Refused;
            long dropAt = rig.Clock.NowMs;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunUntil(dropAt + 899999);
            Assert.AreEqual(0, rig.Platform.RebootCount);
            rig.RunUntil(dropAt + 900000);
            Assert.AreEqual(1, rig.Platform.RebootCount);
        }

        [TestMethod]
        public void WatchdogZeroNeverReboots()
        {
            var rig = new SupervisorRig();
            rig.Options.WatchdogMs = 0;
            rig.Network.IsUp = false;
            rig.Build();
            rig.RunUntil(3 * 3600 * 1000);
            Assert.AreEqual(0, rig.Platform.RebootCount);
        }

        [TestMethod]
        public void RequestedRebootSaysOfflineFirstAndRecordsTheReason()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.Link.AutoAck = false;
            rig.Supervisor.RequestReboot("command: reboot");
            Assert.AreEqual("command: reboot", rig.Settings.Read(RebootKeeper.ResetReasonKey));
            Assert.AreEqual(0, rig.Platform.RebootCount, "waits for the offline message to be confirmed");
            Assert.AreEqual(ConnectionState.ShuttingDown, rig.Supervisor.State);

            FakePublish offline = rig.Link.PublishAt(rig.Link.Publishes.Count - 1);
            Assert.AreEqual("nanomqtt/dev1/status", offline.Topic);
            Assert.AreEqual("offline", offline.Text);
            Assert.IsTrue(offline.Retain);
            rig.Link.AckPublish(offline.PacketId);
            rig.RunFor(1);
            Assert.AreEqual(1, rig.Link.DisconnectCount, "a clean disconnect after the confirmed offline");
            Assert.AreEqual(1, rig.Platform.RebootCount);
            Assert.AreEqual(ConnectionState.Stopped, rig.Supervisor.State);
        }

        [TestMethod]
        public void ShutdownPublishesOfflineThenDisconnects()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.Supervisor.Shutdown(null);
            rig.RunFor(100);
            int offline = rig.Link.IndexInLog("publish nanomqtt/dev1/status offline");
            int disconnect = rig.Link.IndexInLog("disconnect");
            Assert.IsTrue(offline > 0 && disconnect > offline, "offline, then disconnect");
            Assert.AreEqual(ConnectionState.Stopped, rig.Supervisor.State);
            Assert.AreEqual("offline none", (string)rig.Observer.Log[1]);
            Assert.AreEqual(0, rig.Platform.RebootCount, "a shutdown is not a reboot");
        }

        [TestMethod]
        public void UnconfirmedShutdownAbortsSoTheWillSpeaks()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.Link.GoSilent();
            long at = rig.Clock.NowMs;
            rig.Supervisor.Shutdown(null);
            rig.RunUntil(at + 1999);
            Assert.AreEqual(ConnectionState.ShuttingDown, rig.Supervisor.State);
            rig.RunUntil(at + 2000);
            Assert.AreEqual(ConnectionState.Stopped, rig.Supervisor.State);
            Assert.AreEqual(1, rig.Link.AbortCount);
            Assert.AreEqual(0, rig.Link.DisconnectCount, "a clean disconnect would cancel the will");
        }

        [TestMethod]
        public void RebootWhileOfflineHappensAtOnce()
        {
            var rig = new SupervisorRig();
            rig.Network.IsUp = false;
            rig.Build();
            rig.RunUntil(1000);
            rig.Supervisor.RequestReboot("command: reboot");
            Assert.AreEqual(1, rig.Platform.RebootCount);
            Assert.AreEqual("command: reboot", rig.Settings.Read(RebootKeeper.ResetReasonKey));
        }
    }
}
