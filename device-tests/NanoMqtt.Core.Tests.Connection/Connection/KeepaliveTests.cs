using NanoMqtt.Core.Connection;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Connection
{
    [TestClass]
    public class KeepaliveTests
    {
        [TestMethod]
        public void HalfOpenLinkIsDroppedWithinOneAndAHalfKeepalives()
        {
            var rig = new SupervisorRig();
            rig.Options.KeepAliveSeconds = 30;
            rig.Build();
            rig.RunUntilOnline(1000);
            // The last traffic from the broker is the birth's acknowledgement, as the session starts.
            long silentFrom = rig.Supervisor.OnlineSinceMs;
            rig.Link.GoSilent();
            rig.RunUntil(silentFrom + 44999);
            Assert.IsTrue(rig.Supervisor.IsOnline, "not before 1.5 keepalives of silence");
            Assert.IsTrue(rig.Link.PingCount >= 2, "pinged at half keepalive, twice");

            rig.RunUntil(silentFrom + 45000);
            Assert.IsFalse(rig.Supervisor.IsOnline, "half-open detected by 1.5 keepalives");
            Assert.AreEqual(LinkFailure.KeepaliveTimeout, rig.Supervisor.Stats.LastDisconnect);
            Assert.AreEqual(1, rig.Link.AbortCount, "the dead connection is aborted");
            Assert.AreEqual("offline keepalive_timeout", (string)rig.Observer.Log[1]);
        }

        [TestMethod]
        public void PingsOnlyAfterHalfAKeepaliveOfSilence()
        {
            var rig = new SupervisorRig();
            rig.Options.KeepAliveSeconds = 30;
            rig.Build();
            rig.RunUntilOnline(1000);
            long start = rig.Supervisor.OnlineSinceMs;
            rig.RunUntil(start + 14999);
            Assert.AreEqual(0, rig.Link.PingCount);
            rig.RunUntil(start + 15000);
            Assert.AreEqual(1, rig.Link.PingCount);
        }

        [TestMethod]
        public void AnsweredPingsKeepTheSessionForAnHour()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.RunFor(3600 * 1000);
            Assert.IsTrue(rig.Supervisor.IsOnline);
            Assert.AreEqual(1, rig.Link.ConnectRequests.Count);
            // One ping per half keepalive of silence, no more.
            Assert.IsTrue(rig.Link.PingCount <= 3600 / 15 + 1, "pings: " + rig.Link.PingCount);
            Assert.IsTrue(rig.Link.PingCount >= 3600 / 15 - 1, "pings: " + rig.Link.PingCount);
        }

        [TestMethod]
        public void InboundTrafficCountsAsLife()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.Link.GoSilent();
            // No pong ever comes, but commands keep arriving: the link is alive.
            for (int i = 0; i < 20; i++)
            {
                rig.RunFor(10000);
                rig.Link.InjectMessage("nanomqtt/dev1/cmd/relay", "toggle");
            }

            rig.RunFor(1);

            Assert.IsTrue(rig.Supervisor.IsOnline);
            Assert.AreEqual(20, rig.Sink.Messages.Count);
        }

        [TestMethod]
        public void KeepaliveZeroTurnsDetectionOff()
        {
            var rig = new SupervisorRig();
            rig.Options.KeepAliveSeconds = 0;
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.Link.GoSilent();
            rig.RunFor(600000);
            Assert.IsTrue(rig.Supervisor.IsOnline);
            Assert.AreEqual(0, rig.Link.PingCount);
        }
    }
}
