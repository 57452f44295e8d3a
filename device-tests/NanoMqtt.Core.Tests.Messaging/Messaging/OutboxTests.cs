using NanoMqtt.Core.Messaging;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Messaging
{
    [TestClass]
    public class OutboxTests
    {
        private const string Topic = "t";

        internal static Outbox Make(int maxMessages, int maxBytes, long expiryMs)
        {
            var options = new OutboxOptions();
            options.MaxMessages = maxMessages;
            options.MaxBytes = maxBytes;
            options.ExpiryMs = expiryMs;
            return new Outbox(options);
        }

        internal static byte[] Bytes(string text)
        {
            return Utf8.GetBytes(text);
        }

        /// <summary>Sends the head message with this packet id and returns its payload as text, or null when none waits.</summary>
        internal static string TakeText(Outbox outbox, long nowMs, int packetId)
        {
            OutboxMessage m = outbox.PeekWaiting(nowMs);
            if (m == null)
            {
                return null;
            }

            // Read before it is marked sent: a view is valid until the outbox changes.
            string text = Text(m);
            outbox.MarkSent(m, packetId);
            return text;
        }

        /// <summary>The waiting message at index (0 is the oldest), read through the outbox's snapshot path, or null.</summary>
        internal static OutboxMessage WaitingAt(Outbox outbox, int index)
        {
            var m = new OutboxMessage();
            return outbox.ReadWaiting(index, m) ? m : null;
        }

        internal static string Text(OutboxMessage m)
        {
            return m == null ? null : Utf8.GetString(m.Buffer, m.PayloadOffset, m.PayloadLength);
        }

        [TestMethod]
        public void DrainsInOrderAndKeepsQosAndRetain()
        {
            var outbox = Make(10, 1000, 0);
            outbox.Enqueue("a", Bytes("1"), 1, true, null, 0);
            outbox.Enqueue("b", Bytes("2"), 2, false, null, 0);
            OutboxMessage first = outbox.PeekWaiting(0);
            Assert.AreEqual("a", first.Topic);
            Assert.AreEqual(1, first.Qos);
            Assert.IsTrue(first.Retain);
            outbox.MarkSent(first, 1);
            OutboxMessage second = outbox.PeekWaiting(0);
            Assert.AreEqual("b", second.Topic);
            Assert.AreEqual(2, second.Qos);
            Assert.IsFalse(second.Retain);
        }

        [TestMethod]
        public void CountBoundDropsTheOldestAndCountsThem()
        {
            var outbox = Make(3, 1000, 0);
            for (int i = 0; i < 5; i++)
            {
                Assert.IsTrue(outbox.Enqueue(Topic, Bytes("m" + i), 1, false, null, i));
            }

            Assert.AreEqual(3, outbox.Count);
            Assert.AreEqual(2L, outbox.Dropped);
            Assert.AreEqual("m2", TakeText(outbox, 10, 1));
            Assert.AreEqual("m3", TakeText(outbox, 10, 2));
            Assert.AreEqual("m4", TakeText(outbox, 10, 3));
        }

        [TestMethod]
        public void ByteBoundDropsTheOldestAndCountsThem()
        {
            // Each message is 16 (header) + 9 (payload) = 25 bytes.
            var outbox = Make(100, 80, 0);
            for (int i = 0; i < 5; i++)
            {
                outbox.Enqueue(Topic, Bytes("payload-" + i), 1, false, null, 0);
            }

            Assert.AreEqual(3, outbox.Count);
            Assert.AreEqual(75, outbox.Bytes);
            Assert.AreEqual(2L, outbox.Dropped);
            Assert.AreEqual("payload-2", TakeText(outbox, 0, 1));
        }

        [TestMethod]
        public void AMessageLargerThanTheOutboxIsRefusedAndCounted()
        {
            var outbox = Make(10, 40, 0);
            outbox.Enqueue(Topic, Bytes("small"), 1, false, null, 0);
            Assert.IsFalse(outbox.Enqueue(Topic, new byte[50], 1, false, null, 0));
            Assert.AreEqual(1L, outbox.Dropped);
            Assert.AreEqual(1, outbox.Count, "the queued message is not sacrificed for one that cannot fit");
        }

        [TestMethod]
        public void StaleMessagesExpireAndAreCounted()
        {
            var outbox = Make(10, 1000, 5000);
            outbox.Enqueue(Topic, Bytes("old"), 1, false, null, 0);
            outbox.Enqueue(Topic, Bytes("fresh"), 1, false, null, 3000);
            Assert.AreEqual(0, outbox.Expire(4999));
            Assert.AreEqual(1, outbox.Expire(5000));
            Assert.AreEqual(1L, outbox.Expired);
            Assert.AreEqual(0L, outbox.Dropped, "expired is its own count");
            Assert.AreEqual("fresh", TakeText(outbox, 5000, 1));
        }

        [TestMethod]
        public void PeekSkipsExpiredMessages()
        {
            var outbox = Make(10, 1000, 1000);
            outbox.Enqueue(Topic, Bytes("a"), 1, false, null, 0);
            outbox.Enqueue(Topic, Bytes("b"), 1, false, null, 900);
            Assert.AreEqual("b", TakeText(outbox, 1000, 1));
            Assert.AreEqual(1L, outbox.Expired);
        }

        [TestMethod]
        public void ExpiryZeroKeepsMessagesForever()
        {
            var outbox = Make(10, 1000, 0);
            outbox.Enqueue(Topic, Bytes("a"), 1, false, null, 0);
            Assert.AreEqual(0, outbox.Expire(long.MaxValue / 2));
            Assert.AreEqual(1, outbox.Count);
        }

        [TestMethod]
        public void AcknowledgedMessagesLeaveAndFreeTheirBytes()
        {
            var outbox = Make(10, 1000, 0);
            outbox.Enqueue(Topic, Bytes("abc"), 1, false, null, 0);
            TakeText(outbox, 0, 7);
            Assert.AreEqual(1, outbox.InFlightCount);
            Assert.AreEqual(19, outbox.Bytes, "a 16-byte header and the payload");
            Assert.IsFalse(outbox.Acknowledge(8), "unknown packet id");
            Assert.IsTrue(outbox.Acknowledge(7));
            Assert.AreEqual(0, outbox.Count);
            Assert.AreEqual(0, outbox.Bytes);
            Assert.AreEqual(1L, outbox.Delivered);
        }

        [TestMethod]
        public void InFlightGoesBackToTheHeadInOrder()
        {
            var outbox = Make(10, 1000, 0);
            for (int i = 0; i < 4; i++)
            {
                outbox.Enqueue(Topic, Bytes("m" + i), 1, false, null, 0);
            }

            TakeText(outbox, 0, 1);
            TakeText(outbox, 0, 2);
            outbox.Acknowledge(1);
            outbox.RequeueInFlight();
            Assert.AreEqual(0, outbox.InFlightCount);
            Assert.AreEqual(3, outbox.WaitingCount);
            Assert.AreEqual("m1", TakeText(outbox, 0, 3));
            Assert.AreEqual("m2", TakeText(outbox, 0, 4));
            Assert.AreEqual("m3", TakeText(outbox, 0, 5));
        }

        [TestMethod]
        public void InFlightMessagesAreNotDroppedToMakeRoom()
        {
            var outbox = Make(2, 1000, 0);
            outbox.Enqueue(Topic, Bytes("a"), 1, false, null, 0);
            outbox.Enqueue(Topic, Bytes("b"), 1, false, null, 0);
            TakeText(outbox, 0, 1);
            TakeText(outbox, 0, 2);
            Assert.IsFalse(outbox.Enqueue(Topic, Bytes("c"), 1, false, null, 0));
            Assert.AreEqual(1L, outbox.Dropped, "the newcomer is dropped and counted");
            Assert.AreEqual(2, outbox.InFlightCount);
        }

        [TestMethod]
        public void PacketIdZeroCountsAsDeliveredAtOnce()
        {
            var outbox = Make(10, 1000, 0);
            outbox.Enqueue(Topic, Bytes("a"), 1, false, null, 0);
            TakeText(outbox, 0, 0);
            Assert.AreEqual(0, outbox.Count);
            Assert.AreEqual(1L, outbox.Delivered);
        }

        [TestMethod]
        public void EveryMessageIsAccountedFor()
        {
            var outbox = Make(5, 100, 2000);
            int accepted = 0;
            for (int i = 0; i < 50; i++)
            {
                if (outbox.Enqueue(Topic, Bytes("v" + i), 1, false, null, i * 100))
                {
                    accepted++;
                }

                if (i % 7 == 0)
                {
                    OutboxMessage m = outbox.PeekWaiting(i * 100);
                    if (m != null)
                    {
                        outbox.MarkSent(m, i + 1);
                        outbox.Acknowledge(i + 1);
                    }
                }
            }

            outbox.Expire(100000);
            // Never lost silently: delivered + dropped + expired + still held = everything offered.
            Assert.AreEqual(50L, outbox.Delivered + outbox.Dropped + outbox.Expired + outbox.Count);
            Assert.IsTrue(accepted > 0);
        }
    }
}
