using System.Collections;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Tests.Connection
{
    /// <summary>An <see cref="IMessageSink"/> that keeps every inbound message in order.</summary>
    public sealed class RecordingSink : IMessageSink
    {
        public readonly ArrayList Messages = new ArrayList();

        public void OnMessage(LinkEvent message)
        {
            Messages.Add(message);
        }

        public LinkEvent At(int index)
        {
            return (LinkEvent)Messages[index];
        }
    }
}
