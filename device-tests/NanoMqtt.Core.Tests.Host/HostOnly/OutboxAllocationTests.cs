using System;
using NanoMqtt.Core.Messaging;
using Xunit;

namespace NanoMqtt.Core.Tests.HostOnly
{
    /// <summary>
    /// Queueing and draining a message costs no allocation: it is copied into the outbox's ring, its topic
    /// shared by slot (the nano test framework cannot count bytes).
    /// </summary>
    public class OutboxAllocationTests
    {
        private const int Ops = 1000;
        private const string Topic = "nanomqtt/dev1/telemetry/climate";

        private static readonly byte[] Payload = Utf8.GetBytes("{\"temperature\":21.37,\"humidity\":45.3,\"pressure\":1013.25,\"seq\":42,\"t\":1764070000}");

        [Fact]
        public void EnqueueSendAndAcknowledgeAllocateNothing()
        {
            var outbox = new Outbox(new OutboxOptions());
            long now = 0;
            int id = 0;

            void Op()
            {
                now++;
                id = id >= 65535 ? 1 : id + 1;
                outbox.Enqueue(Topic, Payload, 1, false, null, now);
                OutboxMessage m = outbox.PeekWaiting(now);
                outbox.MarkSent(m, id);
                outbox.Acknowledge(id);
            }

            Measure(Op);
            Assert.Equal(0, outbox.Count);
            Assert.Equal((long)(100 + Ops), outbox.Delivered);
        }

        [Fact]
        public void AnOutageThatFillsTheRingAndItsDrainAllocateNothing()
        {
            var options = new OutboxOptions();
            options.ExpiryMs = 3600000;
            var outbox = new Outbox(options);
            string[] topics = { Topic, "nanomqtt/dev1/telemetry/light", "nanomqtt/dev1/error" };
            long now = 0;
            int id = 0;

            // Full and over: every enqueue drops the oldest; then a drain with re-sends after a drop.
            void Op()
            {
                for (int i = 0; i < 300; i++)
                {
                    outbox.Enqueue(topics[i % 3], Payload, 1, false, null, ++now);
                }

                while (outbox.Count > 0)
                {
                    for (int k = 0; k < 8; k++)
                    {
                        OutboxMessage m = outbox.PeekWaiting(now);
                        if (m == null)
                        {
                            break;
                        }

                        id = id >= 65535 ? 1 : id + 1;
                        outbox.MarkSent(m, id);
                    }

                    outbox.Acknowledge(id);
                    outbox.RequeueInFlight();
                    OutboxMessage head = outbox.PeekWaiting(now);
                    outbox.MarkSent(head, 0);
                }
            }

            Measure(Op, 10);
            Assert.Equal(0, outbox.Bytes);
            Assert.Equal(0, outbox.TopicsHeld);
            Assert.True(outbox.Dropped > 0);
        }

        private static void Measure(Action op, int times = Ops)
        {
            for (int i = 0; i < 100; i++)
            {
                op();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < times; i++)
            {
                op();
            }

            Assert.Equal(0L, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
