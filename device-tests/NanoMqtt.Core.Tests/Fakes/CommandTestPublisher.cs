using System.Collections;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>One message handed to <see cref="CommandTestPublisher"/>.</summary>
    public sealed class CommandTestMessage
    {
        public string Topic;
        public byte[] Payload;
        public int Qos;
        public bool Retain;
        public byte[] CorrelationData;

        public string Text
        {
            get { return Utf8.GetString(Payload, 0, Payload.Length); }
        }
    }

    /// <summary>An IPublisher that records every message, in order, and accepts them all.</summary>
    public sealed class CommandTestPublisher : IPublisher
    {
        private readonly ArrayList _messages = new ArrayList();

        public int Count
        {
            get { return _messages.Count; }
        }

        public CommandTestMessage At(int index)
        {
            return (CommandTestMessage)_messages[index];
        }

        /// <summary>The last message on the topic, or null.</summary>
        public CommandTestMessage Last(string topic)
        {
            for (int i = _messages.Count - 1; i >= 0; i--)
            {
                var m = (CommandTestMessage)_messages[i];
                if (m.Topic == topic)
                {
                    return m;
                }
            }

            return null;
        }

        public int CountOn(string topic)
        {
            int n = 0;
            for (int i = 0; i < _messages.Count; i++)
            {
                if (((CommandTestMessage)_messages[i]).Topic == topic)
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
            var m = new CommandTestMessage();
            m.Topic = topic;
            m.Payload = payload;
            m.Qos = qos;
            m.Retain = retain;
            m.CorrelationData = correlationData;
            _messages.Add(m);
            return true;
        }
    }
}
