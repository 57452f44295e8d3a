using NanoMqtt.Core.Messaging;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Messaging
{
    /// <summary>The outbox reuses the messages that left it, so a steady stream allocates no message objects.</summary>
    [TestClass]
    public class OutboxReuseTests
    {
        private static Outbox Make(int maxMessages, long expiryMs)
        {
            var options = new OutboxOptions();
            options.MaxMessages = maxMessages;
            options.MaxBytes = 1000;
            options.ExpiryMs = expiryMs;
            return new Outbox(options);
        }

        private static byte[] Bytes(string text)
        {
            return Utf8.GetBytes(text);
        }

        [TestMethod]
        public void AnAcknowledgedMessageIsReusedForTheNextOne()
        {
            var outbox = Make(4, 0);
            outbox.Enqueue("a", Bytes("1"), 1, false, null, 0);
            OutboxMessage first = outbox.PeekWaiting(0);
            outbox.MarkSent(first, 7);
            Assert.AreEqual(0, outbox.SpareCount);
            Assert.IsTrue(outbox.Acknowledge(7));
            Assert.AreEqual(1, outbox.SpareCount);

            outbox.Enqueue("b", Bytes("22"), 2, true, new byte[] { 9 }, 50);
            OutboxMessage second = outbox.PeekWaiting(50);
            Assert.AreSame(first, second);
            Assert.AreEqual(0, outbox.SpareCount);
            Assert.AreEqual("b", second.Topic);
            Assert.AreEqual("22", Utf8.GetString(second.Payload, 0, second.Payload.Length));
            Assert.AreEqual(2, second.Qos);
            Assert.IsTrue(second.Retain);
            Assert.AreEqual(1, second.CorrelationData.Length);
            Assert.AreEqual(50L, second.EnqueuedMs);
            Assert.AreEqual(4, second.Size);
            Assert.AreEqual(4, outbox.Bytes);
        }

        [TestMethod]
        public void AReusedMessageStartsWithNoPacketIdAndNoSends()
        {
            var outbox = Make(4, 0);
            outbox.Enqueue("a", Bytes("1"), 1, false, null, 0);
            OutboxMessage m = outbox.PeekWaiting(0);
            outbox.MarkSent(m, 3);
            outbox.RequeueInFlight();
            outbox.MarkSent(outbox.PeekWaiting(0), 4);
            Assert.AreEqual(2, m.SendCount);
            outbox.Acknowledge(4);

            outbox.Enqueue("b", Bytes("2"), 1, false, null, 10);
            OutboxMessage again = outbox.PeekWaiting(10);
            Assert.AreSame(m, again);
            Assert.AreEqual(0, again.SendCount);
            Assert.AreEqual(0, again.PacketId);
        }

        [TestMethod]
        public void DroppedAndExpiredMessagesAreReusedToo()
        {
            var outbox = Make(2, 1000);
            outbox.Enqueue("t", Bytes("a"), 1, false, null, 0);
            outbox.Enqueue("t", Bytes("b"), 1, false, null, 0);
            OutboxMessage oldest = outbox.PeekWaiting(0);
            // Full: the oldest is dropped, and its object carries the newcomer.
            outbox.Enqueue("t", Bytes("c"), 1, false, null, 0);
            Assert.AreEqual(1L, outbox.Dropped);
            Assert.AreSame(oldest, outbox.WaitingAt(1));
            Assert.AreEqual("c", Utf8.GetString(oldest.Payload, 0, 1));

            // Both expire; the next message takes one of their objects.
            outbox.Enqueue("t", Bytes("d"), 1, false, null, 5000);
            Assert.AreEqual(2L, outbox.Expired);
            Assert.AreEqual(1, outbox.Count);
            Assert.AreEqual(1, outbox.SpareCount);
        }

        [TestMethod]
        public void ItNeverHoldsMoreMessageObjectsThanItsBound()
        {
            var outbox = Make(5, 300);
            for (int i = 0; i < 500; i++)
            {
                outbox.Enqueue("t", Bytes("v" + i), 1, false, null, i * 10);
                if (i % 3 == 0)
                {
                    OutboxMessage m = outbox.PeekWaiting(i * 10);
                    if (m != null)
                    {
                        outbox.MarkSent(m, i % 6 == 0 ? 0 : i + 1);
                        outbox.Acknowledge(i + 1);
                    }
                }

                Assert.IsTrue(outbox.Count + outbox.SpareCount <= 5, "held plus spare at step " + i);
            }

            // Accounting is unchanged by the reuse: nothing is lost silently.
            outbox.Expire(100000);
            Assert.AreEqual(500L, outbox.Delivered + outbox.Dropped + outbox.Expired + outbox.Count);
        }

        [TestMethod]
        public void AMessageThatLeftIsReadableUntilTheNextEnqueueThenLetsGoOfItsPayload()
        {
            var outbox = Make(4, 0);
            outbox.Enqueue("a", Bytes("1"), 1, false, null, 0);
            outbox.Enqueue("b", Bytes("2"), 1, false, null, 0);
            OutboxMessage a = outbox.PeekWaiting(0);
            outbox.MarkSent(a, 0);
            OutboxMessage b = outbox.PeekWaiting(0);
            outbox.MarkSent(b, 0);
            Assert.AreEqual("a", a.Topic);
            Assert.AreEqual("1", Utf8.GetString(a.Payload, 0, 1));

            outbox.Enqueue("c", Bytes("3"), 1, false, null, 0);
            // b's object carries c; a's waits as a spare and no longer keeps a's payload alive.
            Assert.AreSame(b, outbox.PeekWaiting(0));
            Assert.AreEqual("c", b.Topic);
            Assert.IsNull(a.Topic);
            Assert.IsNull(a.Payload);
        }
    }
}
