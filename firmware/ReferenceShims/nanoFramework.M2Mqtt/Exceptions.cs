// REFERENCE SHIM, never deployed. Mirrors nanoFramework.M2Mqtt 5.1.220 (commit 820878720740409782046cb85329884d59ba9974),
// files M2Mqtt/Exceptions/*.cs. Connect wraps every socket or TLS error in MqttConnectionException (the
// SocketException, if any, is the InnerException); the inflight queue being full is MqttClientException.
using System;

namespace nanoFramework.M2Mqtt.Exceptions
{
    public class MqttClientException : Exception
    {
        public MqttClientException(MqttClientErrorCode errorCode) { }

        public MqttClientErrorCode ErrorCode { get { throw null; } set { } }
    }

    public enum MqttClientErrorCode
    {
        WillWrong = 1,
        KeepAliveWrong,
        TopicWildcard,
        TopicLength,
        QosNotAllowed,
        TopicsEmpty,
        QosLevelsEmpty,
        TopicsQosLevelsNotMatch,
        WrongBrokerMessage,
        WrongMessageId,
        InflightQueueFull,
        InvalidFlagBits,
        InvalidConnectFlags,
        InvalidClientId,
        InvalidProtocolName
    }

    public class MqttConnectionException : Exception
    {
        public MqttConnectionException(string message, Exception innerException) { }
    }

    public class MqttCommunicationException : Exception
    {
        public MqttCommunicationException() { }
    }

    public class MqttTimeoutException : Exception
    {
    }
}
