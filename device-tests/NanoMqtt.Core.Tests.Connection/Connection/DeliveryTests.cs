using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Connection
{
    [TestClass]
    public class DeliveryTests
    {
        private const string Topic = "nanomqtt/dev1/telemetry/t";

        [TestMethod]
        public void InFlightMessagesAreSentAgainAfterADrop()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.Link.AutoAck = false;
            for (int i = 0; i < 3; i++)
            {
                Assert.IsTrue(rig.Supervisor.Publish(Topic, Utf8.GetBytes("m" + i), 1, false, null));
            }

            rig.RunFor(1);
            Assert.AreEqual(3, rig.Supervisor.Outbox.InFlightCount);
            // Only m0 is confirmed before the connection dies.
            rig.Link.AckPublish(rig.Link.PublishAt(1).PacketId);
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunFor(1);
            Assert.AreEqual(2, rig.Supervisor.Outbox.Count, "unconfirmed messages are kept");

            rig.Link.AutoAck = true;
            Assert.IsTrue(rig.RunUntilOnline(rig.Clock.NowMs + 16000));
            int birth = rig.Link.Publishes.Count - 3;
            Assert.AreEqual("online", rig.Link.PublishAt(birth).Text, "birth first");
            Assert.AreEqual("m1", rig.Link.PublishAt(birth + 1).Text);
            Assert.AreEqual("m2", rig.Link.PublishAt(birth + 2).Text);
            Assert.AreEqual(0, rig.Supervisor.Outbox.Count);
            Assert.AreEqual(0L, rig.Supervisor.Outbox.Dropped);
        }

        [TestMethod]
        public void InFlightWindowIsBounded()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.Link.AutoAck = false;
            int before = rig.Link.Publishes.Count;
            for (int i = 0; i < 20; i++)
            {
                rig.Supervisor.Publish(Topic, Utf8.GetBytes("m" + i), 1, false, null);
            }

            rig.RunFor(1);
            Assert.AreEqual(SupervisorOptions.MaxInFlight, rig.Link.Publishes.Count - before, "no more than the window unacknowledged");
            rig.Link.AckAll();
            rig.RunFor(1);
            Assert.AreEqual(16, rig.Link.Publishes.Count - before, "each ack opens the window again");
            rig.Link.AckAll();
            rig.RunFor(1);
            rig.Link.AckAll();
            rig.RunFor(1);
            Assert.AreEqual(20, rig.Link.Publishes.Count - before);
            for (int i = 0; i < 20; i++)
            {
                Assert.AreEqual("m" + i, rig.Link.PublishAt(before + i).Text, "in order");
            }

            Assert.AreEqual(0, rig.Supervisor.Outbox.Count);
        }

        [TestMethod]
        public void QueuedMessagesGoBeforeNewOnes()
        {
            var rig = new SupervisorRig();
            rig.Link.AutoConnect = false;
            rig.Build();
            for (int i = 0; i < 12; i++)
            {
                rig.Supervisor.Publish(Topic, Utf8.GetBytes("old" + i), 1, false, null);
            }

            rig.RunUntil(10);
            rig.Link.AutoAck = false;
            rig.Link.CompleteConnect(false);
            rig.RunFor(1);
            Assert.IsTrue(rig.Supervisor.IsOnline);
            rig.Supervisor.Publish(Topic, Utf8.GetBytes("new"), 1, false, null);
            rig.Link.AutoAck = true;
            rig.Link.AckAll();
            rig.RunFor(100);
            int last = rig.Link.Publishes.Count - 1;
            Assert.AreEqual("new", rig.Link.PublishAt(last).Text);
            Assert.AreEqual("old11", rig.Link.PublishAt(last - 1).Text);
        }

        [TestMethod]
        public void Qos0OfflineIsSkippedAndCounted()
        {
            var rig = new SupervisorRig();
            rig.Link.AutoConnect = false;
            rig.Build();
            Assert.IsFalse(rig.Supervisor.Publish(Topic, Utf8.GetBytes("a"), 0, false, null));
            Assert.IsFalse(rig.Supervisor.Publish(Topic, Utf8.GetBytes("b"), 0, false, null));
            Assert.AreEqual(2L, rig.Supervisor.Stats.Qos0Skipped);
            Assert.AreEqual(0, rig.Supervisor.Outbox.Count, "QoS 0 is never queued");

            rig.Link.AutoConnect = true;
            rig.RunUntil(20000);
            Assert.IsTrue(rig.Supervisor.IsOnline);
            Assert.IsTrue(rig.Supervisor.Publish(Topic, Utf8.GetBytes("c"), 0, false, null));
            Assert.AreEqual(2L, rig.Supervisor.Stats.Qos0Skipped);
            Assert.AreEqual(1, rig.Link.PublishCountOn(Topic), "only the one sent online");
        }

        [TestMethod]
        public void AFullLinkBufferDelaysButLosesNothing()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.Link.RefusePublishes = true;
            rig.Supervisor.Publish(Topic, Utf8.GetBytes("x"), 1, false, null);
            rig.RunFor(1000);
            Assert.AreEqual(1, rig.Supervisor.Outbox.Count);
            rig.Link.RefusePublishes = false;
            rig.RunFor(1000);
            Assert.AreEqual(1, rig.Link.PublishCountOn(Topic));
            Assert.AreEqual(0, rig.Supervisor.Outbox.Count);
        }

        [TestMethod]
        public void OfflineForTellsActuatorsHowLongTheSessionIsGone()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.RunFor(5000);
            Assert.IsTrue(rig.Supervisor.IsOnline);
            rig.Link.AutoConnect = false;
            long dropAt = rig.Clock.NowMs;
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunFor(30000);
            Assert.AreEqual(dropAt, rig.Supervisor.OfflineSinceMs);
            Assert.AreEqual(30000L, rig.Clock.NowMs - rig.Supervisor.OfflineSinceMs);
        }
    }
}
