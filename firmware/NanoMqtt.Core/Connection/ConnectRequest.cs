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

        /// <summary>
        /// The largest inbound packet the device accepts, in bytes; 0 for no limit. MQTT 5 sends it in CONNECT
        /// (the broker then drops larger messages instead of sending them); either way the link hands on a
        /// larger payload only by its length (<see cref="LinkEvent.OversizeBytes"/>), never by a copy.
        /// </summary>
        public int MaxPacketBytes;

        public string WillTopic;
        public byte[] WillPayload;
        public bool WillRetain;
        public int WillQos;
    }
}
