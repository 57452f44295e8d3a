using NanoMqtt.Core.Connection;

namespace NanoMqtt.Core.Messaging
{
    /// <summary>Takes the inbound PUBLISH messages that the supervisor receives (a MessageReceived event).</summary>
    public interface IMessageSink
    {
        void OnMessage(LinkEvent message);
    }
}
