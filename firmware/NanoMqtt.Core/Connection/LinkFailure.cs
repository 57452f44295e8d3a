namespace NanoMqtt.Core.Connection
{
    /// <summary>Why a connect attempt failed or a connection ended: one reason per failure.</summary>
    public enum LinkFailure
    {
        None = 0,
        /// <summary>The attempt did not finish within the connect timeout (a hung Connect).</summary>
        Timeout,
        /// <summary>The host name did not resolve.</summary>
        DnsFailure,
        /// <summary>TCP refused or unreachable.</summary>
        Refused,
        /// <summary>The TLS handshake failed: unknown CA, expired or mismatched certificate.</summary>
        TlsFailure,
        /// <summary>CONNACK: bad user name or password.</summary>
        BadCredentials,
        /// <summary>CONNACK: not authorized.</summary>
        NotAuthorized,
        /// <summary>CONNACK: the broker is unavailable or refused the client id or protocol.</summary>
        BrokerRefused,
        /// <summary>The broker closed the connection, or the socket failed.</summary>
        ConnectionClosed,
        /// <summary>No traffic from the broker for 1.5 keepalive periods: a half-open link.</summary>
        KeepaliveTimeout,
        /// <summary>The IP link (Wi-Fi) went down.</summary>
        NetworkDown,
        /// <summary>A protocol violation or an error the link could not classify.</summary>
        ProtocolError,
        /// <summary>A TLS attempt held back: the wall clock is not set yet, so no certificate would pass.</summary>
        TimeUnknown
    }
}
