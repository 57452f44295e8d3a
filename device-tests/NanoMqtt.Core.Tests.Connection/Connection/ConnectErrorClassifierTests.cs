using NanoMqtt.Core.Connection;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Connection
{
    /// <summary>
    /// The exceptions nanoFramework.M2Mqtt 5.1's Connect throws, as its source raises them, and the failure
    /// each one is reported as. An empty inner type stands for "no inner exception" (DataRow takes no null).
    /// </summary>
    [TestClass]
    public class ConnectErrorClassifierTests
    {
        private const long ConnackWaitMs = 30000;

        [TestMethod]
        // No CONNACK within M2Mqtt's wait: SendReceive throws an inner-less MqttCommunicationException.
        [DataRow("MqttCommunicationException", "", -1, false, 30000L, "timeout")]
        [DataRow("MqttCommunicationException", "", -1, true, 30450L, "timeout")]
        // The broker closed the socket before answering: the same exception, well before the wait is over.
        [DataRow("MqttCommunicationException", "", -1, false, 120L, "connection_closed")]
        [DataRow("MqttCommunicationException", "", -1, true, 29999L, "connection_closed")]
        // The receive thread failed: by its socket error, or a packet M2Mqtt refused.
        [DataRow("MqttCommunicationException", "SocketException", 10054, false, 50L, "connection_closed")]
        [DataRow("MqttCommunicationException", "SocketException", 10060, false, 50L, "timeout")]
        [DataRow("MqttCommunicationException", "IOException", -1, true, 50L, "connection_closed")]
        [DataRow("MqttCommunicationException", "MqttClientException", -1, false, 50L, "protocol_error")]
        [DataRow("MqttTimeoutException", "", -1, false, 10L, "timeout")]
        // The TCP connect or the TLS handshake failed.
        [DataRow("MqttConnectionException", "SocketException", 10061, false, 10L, "refused")]
        [DataRow("MqttConnectionException", "SocketException", 10065, true, 10L, "refused")]
        [DataRow("MqttConnectionException", "SocketException", 10060, false, 10L, "timeout")]
        [DataRow("MqttConnectionException", "SocketException", 11001, false, 10L, "dns_failure")]
        [DataRow("MqttConnectionException", "SocketException", 10054, true, 10L, "tls_failure")]
        [DataRow("MqttConnectionException", "SocketException", 10054, false, 10L, "connection_closed")]
        [DataRow("MqttConnectionException", "Exception", -1, true, 10L, "tls_failure")]
        [DataRow("MqttConnectionException", "Exception", -1, false, 10L, "protocol_error")]
        [DataRow("SocketException", "", 10061, false, 10L, "refused")]
        [DataRow("SocketException", "", 12345, false, 10L, "protocol_error")]
        public void EachConnectExceptionHasItsFailure(string type, string inner, int socketError, bool tls, long elapsedMs, string expected)
        {
            LinkFailure failure = ConnectErrorClassifier.Classify(type, inner.Length == 0 ? null : inner, socketError, tls, elapsedMs, ConnackWaitMs);
            Assert.AreEqual(expected, LinkFailureNames.Of(failure));
        }

        [TestMethod]
        public void AMissingConnackIsATimeoutNotAClose()
        {
            LinkFailure failure = ConnectErrorClassifier.Classify("MqttCommunicationException", null, ConnectErrorClassifier.NoSocketError, false, ConnackWaitMs, ConnackWaitMs);
            Assert.AreEqual((int)LinkFailure.Timeout, (int)failure);
        }

        [TestMethod]
        [DataRow(true, "bad_credentials")]
        [DataRow(false, "not_authorized")]
        public void ANotAuthorizedRefusalIsBadCredentialsWhenTheClientSentThem(bool sentCredentials, string expected)
        {
            Assert.AreEqual(expected, LinkFailureNames.Of(ConnectErrorClassifier.Refused(LinkFailure.NotAuthorized, sentCredentials)));
        }

        [TestMethod]
        public void OtherRefusalsKeepTheirFailure()
        {
            Assert.AreEqual((int)LinkFailure.BrokerRefused, (int)ConnectErrorClassifier.Refused(LinkFailure.BrokerRefused, true));
            Assert.AreEqual((int)LinkFailure.BadCredentials, (int)ConnectErrorClassifier.Refused(LinkFailure.BadCredentials, false));
        }
    }
}
