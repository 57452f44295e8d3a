namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// Something that happened on the MQTT link. Links queue these from their own threads; the supervisor
    /// takes them in its step, on the one thread that owns the core's state.
    /// </summary>
    public sealed class LinkEvent
    {
        public LinkEventKind Kind;
        public LinkFailure Failure;
        public bool SessionPresent;
        public int PacketId;

        public string Topic;
        public byte[] Payload;

        /// <summary>
        /// The length of an inbound payload over the connect request's MaxPacketBytes, which the link did
        /// not pass on (Payload is null); 0 otherwise. The command router refuses it as too large.
        /// </summary>
        public int OversizeBytes;

        /// <summary>
        /// The RETAIN flag of an inbound message: set when the broker replays a retained message at
        /// subscribe time. The command router refuses such commands (an old "on" must not undo the
        /// fail-safe after every reconnect).
        /// </summary>
        public bool Retain;

        /// <summary>MQTT 5 response topic of an inbound message, or null.</summary>
        public string ResponseTopic;

        /// <summary>MQTT 5 correlation data of an inbound message, or null.</summary>
        public byte[] CorrelationData;

        public LinkEvent(LinkEventKind kind)
        {
            Kind = kind;
        }
    }
}
