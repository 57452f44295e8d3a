using System.Collections;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Messaging
{
    /// <summary>
    /// The outbox's records in one byte array: the tail reaches the end again and again, the room of drops
    /// and acknowledgements out of order is taken back, topics are held once, and nothing is left behind
    /// once the queue drains.
    /// </summary>
    [TestClass]
    public class OutboxRingTests
    {
        private static Outbox Make(int maxMessages, int maxBytes, long expiryMs)
        {
            return OutboxTests.Make(maxMessages, maxBytes, expiryMs);
        }

        private static byte[] Bytes(string text)
        {
            return OutboxTests.Bytes(text);
        }

        private static string Text(OutboxMessage m)
        {
            return OutboxTests.Text(m);
        }

        private static OutboxMessage WaitingAt(Outbox outbox, int index)
        {
            return OutboxTests.WaitingAt(outbox, index);
        }

        private static string Send(Outbox outbox, long nowMs, int packetId)
        {
            return OutboxTests.TakeText(outbox, nowMs, packetId);
        }

        [TestMethod]
        public void RecordsKeepTheirOrderAndContentAsTheTailReachesTheEndAgainAndAgain()
        {
            // 100 bytes hold about five records of 18 to 21 bytes: the tail reaches the end again and again.
            var outbox = Make(100, 100, 0);
            int next = 0;
            int taken = 0;
            for (int round = 0; round < 80; round++)
            {
                while (outbox.HasRoomFor(OutboxMessage.SizeOf(Bytes(Payload(next)), null)))
                {
                    Assert.IsTrue(outbox.Enqueue("t/" + (next % 3).ToString(), Bytes(Payload(next)), 1, false, null, next));
                    next++;
                }

                for (int i = 0; i < 2; i++)
                {
                    OutboxMessage m = outbox.PeekWaiting(0);
                    Assert.AreEqual(Payload(taken), Text(m));
                    Assert.AreEqual("t/" + (taken % 3).ToString(), m.Topic);
                    Assert.AreEqual((long)taken, m.EnqueuedMs);
                    outbox.MarkSent(m, 0);
                    taken++;
                }
            }

            Assert.AreEqual(0L, outbox.Dropped);
            Assert.IsTrue(next > 100, "filled many times over: " + next.ToString());
        }

        [TestMethod]
        public void TheByteBoundDropsTheOldestWaitingBehindInFlightOnes()
        {
            // 25-byte records, room for four: two in flight, two waiting.
            var outbox = Make(10, 100, 0);
            for (int i = 0; i < 4; i++)
            {
                outbox.Enqueue("t", Bytes("payload-" + i.ToString()), 1, false, null, i);
            }

            Assert.AreEqual("payload-0", Send(outbox, 0, 1));
            Assert.AreEqual("payload-1", Send(outbox, 0, 2));
            Assert.IsTrue(outbox.Enqueue("t", Bytes("payload-4"), 1, false, null, 4));
            Assert.IsTrue(outbox.Enqueue("t", Bytes("payload-5"), 1, false, null, 5));
            Assert.AreEqual(2L, outbox.Dropped, "payload-2 and payload-3 made room");
            Assert.AreEqual(4, outbox.Count);
            Assert.AreEqual(100, outbox.Bytes);

            outbox.RequeueInFlight();
            Assert.AreEqual("payload-0", Send(outbox, 0, 3));
            Assert.AreEqual("payload-1", Send(outbox, 0, 4));
            Assert.AreEqual("payload-4", Send(outbox, 0, 5));
            Assert.AreEqual("payload-5", Send(outbox, 0, 6));
        }

        [TestMethod]
        public void TheCountBoundDropsTheOldestWaitingBehindInFlightOnes()
        {
            var outbox = Make(3, 1000, 0);
            outbox.Enqueue("t", Bytes("a"), 1, false, null, 0);
            outbox.Enqueue("t", Bytes("b"), 1, false, null, 0);
            outbox.Enqueue("t", Bytes("c"), 1, false, null, 0);
            Send(outbox, 0, 1);
            outbox.Enqueue("t", Bytes("d"), 1, false, null, 0);
            outbox.Enqueue("t", Bytes("e"), 1, false, null, 0);
            Assert.AreEqual(2L, outbox.Dropped);
            Assert.AreEqual(1, outbox.InFlightCount);
            Assert.AreEqual("d", Text(WaitingAt(outbox, 0)));
            Assert.AreEqual("e", Text(WaitingAt(outbox, 1)));
            Assert.IsNull(WaitingAt(outbox, 2));
        }

        [TestMethod]
        public void AnAcknowledgementOutOfOrderFreesItsRoomForTheNextMessage()
        {
            var outbox = Make(10, 75, 0);
            outbox.Enqueue("t", Bytes("payload-0"), 1, false, null, 0);
            outbox.Enqueue("t", Bytes("payload-1"), 1, false, null, 0);
            outbox.Enqueue("t", Bytes("payload-2"), 1, false, null, 0);
            Send(outbox, 0, 1);
            Send(outbox, 0, 2);
            Assert.IsTrue(outbox.Acknowledge(2));
            // payload-1's room lies between two live records; the newcomer needs it, nothing is dropped.
            Assert.IsTrue(outbox.Enqueue("t", Bytes("payload-3"), 1, false, null, 0));
            Assert.AreEqual(0L, outbox.Dropped);
            Assert.IsTrue(outbox.Acknowledge(1));
            Assert.AreEqual("payload-2", Send(outbox, 0, 0));
            Assert.AreEqual("payload-3", Send(outbox, 0, 0));
            Assert.AreEqual(0, outbox.Count);
            Assert.AreEqual(0, outbox.Bytes);
        }

        [TestMethod]
        public void StaleMessagesBehindInFlightOnesExpireAndInFlightOnesDoNot()
        {
            var outbox = Make(10, 1000, 1000);
            outbox.Enqueue("t", Bytes("a"), 1, false, null, 0);
            outbox.Enqueue("t", Bytes("b"), 1, false, null, 100);
            outbox.Enqueue("t", Bytes("c"), 1, false, null, 900);
            Send(outbox, 0, 1);
            Assert.AreEqual(1, outbox.Expire(1100), "b only: a is in flight");
            Assert.AreEqual(1, outbox.InFlightCount);
            Assert.AreEqual("c", Text(WaitingAt(outbox, 0)));

            // Back from flight it is waiting again, and old enough to expire.
            outbox.RequeueInFlight();
            Assert.AreEqual(1, outbox.Expire(1100));
            Assert.AreEqual(2L, outbox.Expired);
            Assert.AreEqual("c", Send(outbox, 1100, 2));
        }

        [TestMethod]
        public void InFlightMessagesAreSentAgainAfterTheConnectionDropsOnceRecordsMoved()
        {
            // 18-byte records in 80 bytes.
            var outbox = Make(10, 80, 0);
            for (int i = 0; i < 3; i++)
            {
                outbox.Enqueue("t", Bytes("m" + i.ToString()), 1, true, null, 0);
            }

            Send(outbox, 0, 0);
            Send(outbox, 0, 0);
            // m0 and m1 have left: m2 moves to the start, m3 and m4 follow it.
            outbox.Enqueue("t", Bytes("m3"), 2, false, null, 0);
            outbox.Enqueue("t", Bytes("m4"), 1, false, null, 0);
            Assert.AreEqual("m2", Send(outbox, 0, 7));
            Assert.AreEqual("m3", Send(outbox, 0, 8));
            outbox.RequeueInFlight();
            Assert.AreEqual(3, outbox.WaitingCount);
            OutboxMessage again = outbox.PeekWaiting(0);
            Assert.AreEqual("m2", Text(again));
            Assert.IsFalse(outbox.Acknowledge(7), "its old packet id no longer acknowledges it");
            Assert.IsTrue(again.Retain);
            outbox.MarkSent(again, 9);
            OutboxMessage third = outbox.PeekWaiting(0);
            Assert.AreEqual("m3", Text(third));
            Assert.AreEqual(2, third.Qos);
            Assert.IsFalse(third.Retain);
        }

        [TestMethod]
        public void AStaleViewIsNotMarkedSent()
        {
            var outbox = Make(10, 1000, 0);
            outbox.Enqueue("t", Bytes("a"), 1, false, null, 0);
            OutboxMessage m = outbox.PeekWaiting(0);
            outbox.Enqueue("t", Bytes("b"), 1, false, null, 0);
            outbox.MarkSent(m, 1);
            Assert.AreEqual(0, outbox.InFlightCount, "the outbox changed since the view was read");
            m = outbox.PeekWaiting(0);
            outbox.MarkSent(m, 1);
            outbox.MarkSent(m, 2);
            Assert.AreEqual(1, outbox.InFlightCount, "marked once");
        }

        [TestMethod]
        public void ManyDistinctTopicsAreKeptAndLetGoOfOnceDelivered()
        {
            // More topics than slots: the rest travel inside the record with their message.
            int n = Outbox.TopicSlots + 8;
            var outbox = Make(100, 4000, 0);
            for (int i = 0; i < n; i++)
            {
                Assert.IsTrue(outbox.Enqueue("dev/topic/" + i.ToString(), Bytes("v" + i.ToString()), 1, false, new byte[] { (byte)i }, 0));
            }

            Assert.AreEqual(Outbox.TopicSlots, outbox.TopicsHeld);
            for (int i = 0; i < n; i++)
            {
                OutboxMessage m = outbox.PeekWaiting(0);
                Assert.AreEqual("dev/topic/" + i.ToString(), m.Topic);
                Assert.AreEqual("v" + i.ToString(), Text(m));
                Assert.AreEqual(i, (int)m.CorrelationData[0]);
                outbox.MarkSent(m, i + 1);
            }

            for (int i = n; i >= 1; i--)
            {
                Assert.IsTrue(outbox.Acknowledge(i));
            }

            Assert.AreEqual(0, outbox.Count);
            Assert.AreEqual(0, outbox.Bytes);
            Assert.AreEqual(0, outbox.TopicsHeld, "no topic string is held once the queue is empty");
        }

        [TestMethod]
        public void OneTopicIsHeldOnceHoweverManyMessagesWaitOnIt()
        {
            var outbox = Make(100, 4000, 0);
            for (int i = 0; i < 50; i++)
            {
                outbox.Enqueue("nanomqtt/dev1/telemetry/climate_temperature", Bytes("{\"v\":21.37}"), 1, false, null, i);
            }

            Assert.AreEqual(1, outbox.TopicsHeld);
            Assert.AreEqual(50 * (16 + 11), outbox.Bytes, "the topic costs no bytes per message");
        }

        [TestMethod]
        public void AnOutboxThatFillsAndDrainsComesBackEmpty()
        {
            var outbox = Make(40, 600, 0);
            for (int outage = 0; outage < 3; outage++)
            {
                for (int i = 0; i < 100; i++)
                {
                    outbox.Enqueue("t/" + (i % 5).ToString(), Bytes(Payload(i)), 1, false, null, i);
                }

                Assert.IsTrue(outbox.Bytes <= 600);
                int id = 1;
                while (outbox.WaitingCount > 0)
                {
                    Send(outbox, 0, id);
                    outbox.Acknowledge(id++);
                }

                Assert.AreEqual(0, outbox.Count);
                Assert.AreEqual(0, outbox.Bytes);
                Assert.AreEqual(0, outbox.TopicsHeld);
            }
        }

        [TestMethod]
        [DataRow(12345, 12, 300)]
        [DataRow(777, 40, 137)]
        [DataRow(4242, 8, 1000)]
        public void ItBehavesLikeAPlainQueueUnderRandomUse(int seed, int maxMessages, int maxBytes)
        {
            // A model of the outbox in plain objects; the ring must agree with it after every step.
            var outbox = Make(maxMessages, maxBytes, 0);
            var model = new ArrayList();
            int nextPacketId = 1;
            int nextValue = 0;
            long dropped = 0;
            for (int step = 0; step < 4000; step++)
            {
                seed = seed * 1103515245 + 12345;
                int roll = (seed >> 16) & 0x7FFF;
                int action = roll % 10;
                if (action < 5)
                {
                    string text = Payload(nextValue) + new string('x', roll % 40);
                    string topic = "t/" + (roll % 7).ToString();
                    int size = OutboxMessage.SizeOf(Bytes(text), null);
                    bool fits = true;
                    while (fits && (model.Count + 1 > maxMessages || ModelBytes(model) + size > maxBytes))
                    {
                        int oldest = FirstWaiting(model);
                        fits = oldest >= 0;
                        if (fits)
                        {
                            model.RemoveAt(oldest);
                        }

                        dropped++;
                    }

                    Assert.AreEqual(fits, outbox.Enqueue(topic, Bytes(text), 1, false, null, step));
                    if (fits)
                    {
                        model.Add(new ModelEntry(text, topic, size));
                    }

                    nextValue++;
                }
                else if (action < 7)
                {
                    int at = FirstWaiting(model);
                    OutboxMessage m = outbox.PeekWaiting(step);
                    if (at < 0)
                    {
                        Assert.IsNull(m);
                        continue;
                    }

                    var e = (ModelEntry)model[at];
                    Assert.AreEqual(e.Text, Text(m));
                    Assert.AreEqual(e.Topic, m.Topic);
                    int id = roll % 4 == 0 ? 0 : nextPacketId++;
                    outbox.MarkSent(m, id);
                    if (id == 0)
                    {
                        model.RemoveAt(at);
                    }
                    else
                    {
                        e.PacketId = id;
                    }
                }
                else if (action < 9)
                {
                    int inFlight = InFlight(model);
                    if (inFlight > 0)
                    {
                        // Any of them: acknowledgements may come out of order.
                        int pick = roll % inFlight;
                        var e = (ModelEntry)model[pick];
                        Assert.IsTrue(outbox.Acknowledge(e.PacketId));
                        model.RemoveAt(pick);
                    }
                }
                else
                {
                    outbox.RequeueInFlight();
                    for (int i = 0; i < model.Count; i++)
                    {
                        ((ModelEntry)model[i]).PacketId = 0;
                    }
                }

                Assert.AreEqual(model.Count, outbox.Count);
                Assert.AreEqual(ModelBytes(model), outbox.Bytes);
                Assert.AreEqual(InFlight(model), outbox.InFlightCount);
                Assert.AreEqual(dropped, outbox.Dropped);
            }
        }

        [TestMethod]
        public void TheKeptRecordRoundTripsThroughTheRing()
        {
            var topics = new Topics("nanomqtt", "dev1");
            var store = new MemorySettingsStore();
            var outbox = Make(20, 2000, 0);
            outbox.Enqueue(topics.Telemetry("a"), Bytes("r1"), 1, false, null, 100);
            outbox.Enqueue(topics.State("relay"), Bytes("on"), 1, true, null, 150);
            outbox.Enqueue(topics.Error, Bytes("e1"), 2, true, new byte[] { 1, 2 }, 200);
            outbox.Enqueue(topics.Telemetry("b"), Bytes("r2"), 1, false, null, 300);
            Send(outbox, 300, 5);
            var keeper = new OutboxKeeper(outbox, store, topics, 32, 4096);
            outbox.RequeueInFlight();
            keeper.Save(1000, 0, true);
            Assert.AreEqual(3, keeper.Kept, "readings and errors; the state is published afresh");

            var after = Make(20, 2000, 0);
            var restorer = new OutboxKeeper(after, store, topics, 32, 4096);
            restorer.Restore(50);
            Assert.AreEqual(3, restorer.Restored);
            OutboxMessage m = WaitingAt(after, 0);
            Assert.AreEqual(topics.Telemetry("a"), m.Topic);
            Assert.AreEqual("r1", Text(m));
            Assert.AreEqual(50L - 900, m.EnqueuedMs, "kept at its age");
            m = WaitingAt(after, 1);
            Assert.AreEqual(topics.Error, m.Topic);
            Assert.AreEqual(2, m.Qos);
            Assert.IsTrue(m.Retain);
            Assert.AreEqual(2, (int)m.CorrelationData[1]);
            Assert.AreEqual("r2", Text(WaitingAt(after, 2)));
        }

        private static string Payload(int i)
        {
            return "p" + (i % 10000).ToString();
        }

        private static int FirstWaiting(ArrayList model)
        {
            for (int i = 0; i < model.Count; i++)
            {
                if (((ModelEntry)model[i]).PacketId == 0)
                {
                    return i;
                }
            }

            return -1;
        }

        private static int InFlight(ArrayList model)
        {
            int n = 0;
            for (int i = 0; i < model.Count; i++)
            {
                n += ((ModelEntry)model[i]).PacketId != 0 ? 1 : 0;
            }

            return n;
        }

        private static int ModelBytes(ArrayList model)
        {
            int n = 0;
            for (int i = 0; i < model.Count; i++)
            {
                n += ((ModelEntry)model[i]).Size;
            }

            return n;
        }

        private sealed class ModelEntry
        {
            public readonly string Text;
            public readonly string Topic;
            public readonly int Size;
            public int PacketId;

            public ModelEntry(string text, string topic, int size)
            {
                Text = text;
                Topic = topic;
                Size = size;
            }
        }
    }
}
