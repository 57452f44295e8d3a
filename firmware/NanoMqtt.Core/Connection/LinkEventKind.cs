namespace NanoMqtt.Core.Connection
{
    public enum LinkEventKind
    {
        /// <summary>CONNACK accepted. <see cref="LinkEvent.SessionPresent"/> is set.</summary>
        Connected,
        /// <summary>The attempt failed. <see cref="LinkEvent.Failure"/> says why.</summary>
        ConnectFailed,
        /// <summary>SUBACK for the last Subscribe call.</summary>
        Subscribed,
        /// <summary>PUBACK (or PUBCOMP) for <see cref="LinkEvent.PacketId"/>.</summary>
        PublishAcked,
        /// <summary>An inbound PUBLISH.</summary>
        MessageReceived,
        /// <summary>PINGRESP for the last Ping call.</summary>
        Pong,
        /// <summary>An established connection ended. <see cref="LinkEvent.Failure"/> says why.</summary>
        ConnectionLost
    }
}
