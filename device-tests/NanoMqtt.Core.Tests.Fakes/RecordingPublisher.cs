using System.Collections;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>One message handed to a <see cref="RecordingPublisher"/>.</summary>
    public sealed class PublishedMessage
    {
        public string Topic;
        public byte[] Payload;
        public int Qos;
        public bool Retain;
        public byte[] CorrelationData;

        /// <summary>The payload as UTF-8 text (null when it is not valid UTF-8).</summary>
        public string Text
        {
            get { return Payload == null ? null : Utf8.GetString(Payload, 0, Payload.Length); }
        }
    }

    /// <summary>
    /// An <see cref="IPublisher"/> that records every call in order. <see cref="Accept"/> is what Publish
    /// returns (true by default); messages are recorded either way.
    /// </summary>
    public sealed class RecordingPublisher : IPublisher
    {
        private readonly ArrayList _messages = new ArrayList();

        public RecordingPublisher()
        {
            Accept = true;
        }

        public bool Accept { get; set; }

        public int Count
        {
            get { return _messages.Count; }
        }

        public PublishedMessage this[int index]
        {
            get { return (PublishedMessage)_messages[index]; }
        }

        /// <summary>The last message, or null.</summary>
        public PublishedMessage Last
        {
            get { return _messages.Count == 0 ? null : (PublishedMessage)_messages[_messages.Count - 1]; }
        }

        /// <summary>The last message on this topic, or null.</summary>
        public PublishedMessage LastOn(string topic)
        {
            for (int i = _messages.Count - 1; i >= 0; i--)
            {
                PublishedMessage m = (PublishedMessage)_messages[i];
                if (m.Topic == topic)
                {
                    return m;
                }
            }

            return null;
        }

        /// <summary>The last message to a topic ending with suffix ("/telemetry/light", "/error"), or null.</summary>
        public PublishedMessage LastEndingWith(string suffix)
        {
            for (int i = _messages.Count - 1; i >= 0; i--)
            {
                PublishedMessage m = (PublishedMessage)_messages[i];
                if (m.Topic.EndsWith(suffix))
                {
                    return m;
                }
            }

            return null;
        }

        /// <summary>How many messages went to topics ending with suffix.</summary>
        public int CountEndingWith(string suffix)
        {
            int n = 0;
            for (int i = 0; i < _messages.Count; i++)
            {
                if (((PublishedMessage)_messages[i]).Topic.EndsWith(suffix))
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>How many messages went to this topic.</summary>
        public int CountOn(string topic)
        {
            int n = 0;
            for (int i = 0; i < _messages.Count; i++)
            {
                if (((PublishedMessage)_messages[i]).Topic == topic)
                {
                    n++;
                }
            }

            return n;
        }

        public void Clear()
        {
            _messages.Clear();
        }

        public bool Publish(string topic, byte[] payload, int qos, bool retain, byte[] correlationData)
        {
            PublishedMessage m = new PublishedMessage();
            m.Topic = topic;
            m.Payload = payload;
            m.Qos = qos;
            m.Retain = retain;
            m.CorrelationData = correlationData;
            _messages.Add(m);
            return Accept;
        }
    }
}
