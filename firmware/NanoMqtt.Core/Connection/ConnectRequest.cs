namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// What the supervisor asks the link to open. TLS certificates are the shell's business (they live in
    /// the device's storage); the request only says whether to use TLS.
    /// </summary>
    public sealed class ConnectRequest
    {
        public string Host;
        public int Port = 1883;
        public bool UseTls;
        public string ClientId;
        public string Username;
        public string Password;

        /// <summary>3 for MQTT 3.1.1, 5 for MQTT 5.</summary>
        public int ProtocolVersion = 3;

        /// <summary>False keeps the broker session, so commands sent while offline still arrive.</summary>
        public bool CleanSession;

        /// <summary>MQTT 5 session expiry in seconds (ignored by 3.1.1).</summary>
        public int SessionExpirySeconds;

        public int KeepAliveSeconds = 30;

        public string WillTopic;
        public byte[] WillPayload;
        public bool WillRetain;
        public int WillQos;
    }
}
