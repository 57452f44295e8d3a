using System.Collections;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>Records what the sensor code publishes; <see cref="Accept"/> false plays "QoS 0 while offline".</summary>
    public sealed class SensorTestPublisher : IPublisher
    {
        public sealed class Sent
        {
            public string Topic;
            public string Payload;
            public byte[] Bytes;
            public int Qos;
            public bool Retain;
        }

        public readonly ArrayList Messages = new ArrayList();

        public bool Accept = true;

        public int Count
        {
            get { return Messages.Count; }
        }

        public Sent At(int i)
        {
            return (Sent)Messages[i];
        }

        public Sent Last
        {
            get { return Messages.Count == 0 ? null : (Sent)Messages[Messages.Count - 1]; }
        }

        /// <summary>How many messages went to topics ending with suffix ("/telemetry/light", "/error").</summary>
        public int CountEndingWith(string suffix)
        {
            int n = 0;
            for (int i = 0; i < Messages.Count; i++)
            {
                if (At(i).Topic.EndsWith(suffix))
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>The last message to a topic ending with suffix, or null.</summary>
        public Sent LastEndingWith(string suffix)
        {
            for (int i = Messages.Count - 1; i >= 0; i--)
            {
                if (At(i).Topic.EndsWith(suffix))
                {
                    return At(i);
                }
            }

            return null;
        }

        public void Clear()
        {
            Messages.Clear();
        }

        public bool Publish(string topic, byte[] payload, int qos, bool retain, byte[] correlationData)
        {
            Sent m = new Sent();
            m.Topic = topic;
            m.Bytes = payload;
            m.Payload = Utf8.GetString(payload, 0, payload.Length);
            m.Qos = qos;
            m.Retain = retain;
            Messages.Add(m);
            return Accept;
        }
    }
}
