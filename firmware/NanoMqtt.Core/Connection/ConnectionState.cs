namespace NanoMqtt.Core.Connection
{
    /// <summary>Where the supervisor is on the way to (or from) an online broker session, in the order docs/architecture.md gives.</summary>
    public enum ConnectionState
    {
        /// <summary>No IP link; the supervisor asks the shell to bring it up, with backoff.</summary>
        WifiDown,
        /// <summary>IP link up, no broker connection: waiting for the next attempt.</summary>
        WifiUp,
        /// <summary>A connect attempt is under way (bounded by the connect timeout).</summary>
        Connecting,
        /// <summary>CONNACK accepted; the subscription is under way (bounded by the subscribe timeout).</summary>
        Connected,
        /// <summary>SUBACK received; the birth message is being published.</summary>
        Subscribed,
        /// <summary>Birth sent: the outbox drains and new messages go out.</summary>
        Online,
        /// <summary>A planned shutdown: "offline" was published, waiting for its acknowledgement.</summary>
        ShuttingDown,
        /// <summary>Shut down (or rebooting); nothing more happens.</summary>
        Stopped
    }
}
