namespace NanoMqtt.Core.Messaging
{
    /// <summary>
    /// Where sensors, commands and diagnostics hand their messages. QoS 0 goes out only while online
    /// (otherwise it is counted as skipped); QoS 1 and 2 go through the bounded outbox, so a reading taken
    /// offline is sent after reconnect.
    /// </summary>
    public interface IPublisher
    {
        /// <summary>
        /// Returns true when the message was sent or queued, false when it was skipped (QoS 0 offline) or
        /// refused (larger than the outbox may ever hold). Never throws.
        /// </summary>
        bool Publish(string topic, byte[] payload, int qos, bool retain, byte[] correlationData);
    }
}
