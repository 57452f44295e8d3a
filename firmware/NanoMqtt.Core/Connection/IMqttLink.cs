namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// One MQTT client connection, as the core needs it. Every call returns at once: outcomes arrive as
    /// <see cref="LinkEvent"/>s through <see cref="Poll"/>. Implemented over nanoFramework.M2Mqtt on the
    /// device (a fresh client per attempt, Connect on its own thread) and over MQTTnet on the PC.
    /// </summary>
    public interface IMqttLink
    {
        /// <summary>Starts a connect attempt; the result is a Connected or ConnectFailed event.</summary>
        void BeginConnect(ConnectRequest request);

        /// <summary>Subscribes; a Subscribed event follows. Returns false when not connected.</summary>
        bool Subscribe(string[] topics, int[] qos);

        /// <summary>
        /// Sends a PUBLISH of payload[offset, offset + count). Returns the packet id for QoS 1 and 2 (a
        /// PublishAcked event follows), 0 for QoS 0, or -1 when it could not be sent (not connected, or the
        /// link's buffer is full). The payload may lie in the outbox's ring, which is reused once the call
        /// returns: a link that sends later copies it.
        /// </summary>
        int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, byte[] correlationData);

        /// <summary>Sends PINGREQ; a Pong event follows while the link is alive.</summary>
        void Ping();

        /// <summary>A clean DISCONNECT: the broker does not publish the will.</summary>
        void Disconnect();

        /// <summary>Drops the connection at once and releases the client; the broker publishes the will.</summary>
        void Abort();

        /// <summary>The next pending event, or null. Safe to call from the step thread at any time.</summary>
        LinkEvent Poll();
    }
}
