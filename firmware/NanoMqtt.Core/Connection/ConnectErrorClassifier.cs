namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// Turns what nanoFramework.M2Mqtt 5.1's Connect threw into a <see cref="LinkFailure"/>. Keyed by the
    /// exception's type name, so the rules live here, where a test can feed them the library's exact cases:
    /// - MqttConnectionException: the TCP connect or the TLS handshake failed; the SocketException, if any,
    ///   is its inner exception.
    /// - MqttCommunicationException without an inner exception: either no CONNACK within M2Mqtt's own wait
    ///   (MqttSettings.DefaultTimeout, 30 s), or the broker closed the socket before answering. Only the
    ///   time Connect took tells them apart.
    /// - MqttCommunicationException with an inner exception: the CONNECT could not be sent, or the receive
    ///   thread failed (a socket error, or a packet M2Mqtt refused).
    /// - MqttTimeoutException: declared by M2Mqtt but not thrown by 5.1; kept as a timeout.
    /// </summary>
    public static class ConnectErrorClassifier
    {
        /// <summary>No SocketException was found in the exception or its inner exception.</summary>
        public const int NoSocketError = -1;

        // nanoFramework's System.Net.Sockets.SocketError values (the Winsock numbers).
        public const int SocketNetworkUnreachable = 10051;
        public const int SocketConnectionAborted = 10053;
        public const int SocketConnectionReset = 10054;
        public const int SocketNotConnected = 10057;
        public const int SocketTimedOut = 10060;
        public const int SocketConnectionRefused = 10061;
        public const int SocketHostUnreachable = 10065;
        public const int SocketHostNotFound = 11001;
        public const int SocketTryAgain = 11002;
        public const int SocketNoRecovery = 11003;
        public const int SocketNoData = 11004;

        /// <summary>
        /// A refused CONNACK, classified by its code, given whether the CONNECT carried a user name. Mosquitto
        /// answers a wrong user name or password with "not authorized" (3.1.1 code 5, MQTT 5 0x87), not with
        /// "bad user name or password", so a refusal of a client that sent credentials is BadCredentials.
        /// </summary>
        public static LinkFailure Refused(LinkFailure byCode, bool sentCredentials)
        {
            return byCode == LinkFailure.NotAuthorized && sentCredentials ? LinkFailure.BadCredentials : byCode;
        }

        /// <summary>
        /// typeName and innerTypeName are Type.Name of the exception and of its InnerException (null when
        /// none); socketError is the ErrorCode of a SocketException that is either of them, or
        /// <see cref="NoSocketError"/>; elapsedMs is how long Connect ran; connackWaitMs is M2Mqtt's wait
        /// for the CONNACK.
        /// </summary>
        public static LinkFailure Classify(string typeName, string innerTypeName, int socketError, bool tls, long elapsedMs, long connackWaitMs)
        {
            if (typeName == "MqttTimeoutException")
            {
                return LinkFailure.Timeout;
            }

            if (typeName == "MqttCommunicationException")
            {
                if (innerTypeName == null)
                {
                    // The timeout is the only way to spend the whole wait; a close arrives earlier.
                    return elapsedMs >= connackWaitMs ? LinkFailure.Timeout : LinkFailure.ConnectionClosed;
                }

                if (innerTypeName == "MqttClientException")
                {
                    return LinkFailure.ProtocolError;
                }

                return socketError == SocketTimedOut ? LinkFailure.Timeout : LinkFailure.ConnectionClosed;
            }

            if (socketError != NoSocketError)
            {
                LinkFailure bySocket = FromSocketError(socketError, tls);
                if (bySocket != LinkFailure.None)
                {
                    return bySocket;
                }
            }

            // The TCP connect succeeded or failed in a way the socket layer did not name: with TLS the
            // handshake (mbedTLS) is the usual culprit.
            return tls ? LinkFailure.TlsFailure : LinkFailure.ProtocolError;
        }

        /// <summary>The failure a socket error code stands for during a connect, or None when it names none.</summary>
        public static LinkFailure FromSocketError(int code, bool tls)
        {
            switch (code)
            {
                case SocketConnectionRefused:
                case SocketHostUnreachable:
                case SocketNetworkUnreachable:
                    return LinkFailure.Refused;
                case SocketTimedOut:
                    return LinkFailure.Timeout;
                case SocketHostNotFound:
                case SocketTryAgain:
                case SocketNoData:
                case SocketNoRecovery:
                    return LinkFailure.DnsFailure;
                case SocketConnectionReset:
                case SocketConnectionAborted:
                case SocketNotConnected:
                    // Reset during the handshake: with TLS that is the broker rejecting our certificate or
                    // protocol; without, the broker closing on us.
                    return tls ? LinkFailure.TlsFailure : LinkFailure.ConnectionClosed;
                default:
                    return LinkFailure.None;
            }
        }
    }
}
