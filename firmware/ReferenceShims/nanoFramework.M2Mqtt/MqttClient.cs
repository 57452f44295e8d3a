// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package nanoFramework.M2Mqtt 5.1.220 (assembly nanoFramework.M2Mqtt), read from
// github.com/nanoframework/nanoFramework.m2mqtt tag v5.1.220, commit 820878720740409782046cb85329884d59ba9974,
// file M2Mqtt/MqttClient.cs. Only the members NanoMqtt.Device calls are declared.
using System;
using System.Security.Cryptography.X509Certificates;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    public class MqttClient : IMqttClient, IDisposable
    {
        /// <summary>Resolves the host name (Dns.GetHostEntry) in the constructor: it blocks and can throw.</summary>
        public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol) { }

        /// <summary>Nested in MqttClient (not in IMqttClient, unlike the other handlers).</summary>
        public delegate void ConnectionOpenedEventHandler(object sender, ConnectionOpenedEventArgs e);

        /// <summary>Raised on the receive thread when the CONNACK arrives, before Connect returns.</summary>
        public event ConnectionOpenedEventHandler ConnectionOpened { add { } remove { } }
        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived { add { } remove { } }
        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished { add { } remove { } }
        public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed { add { } remove { } }
        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed { add { } remove { } }

        public bool IsConnected { get { throw null; } }
        public MqttProtocolVersion ProtocolVersion { get { throw null; } set { } }
        public uint SessionExpiryInterval { get { throw null; } set { } }

        /// <summary>MQTT 5 only: sent in CONNECT; 0 leaves the property out (no limit).</summary>
        public uint MaximumPacketSize { get { throw null; } set { } }
        public MqttSettings Settings { get { throw null; } }

        public MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod) { throw null; }
        public void Disconnect() { }
        public void Close() { }
        public void Dispose() { }
        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels) { throw null; }
        public ushort Publish(string topic, byte[] message, string contentType, System.Collections.ArrayList userProperties, MqttQoSLevel qosLevel, bool retain) { throw null; }
    }

    /// <summary>Declared after the class MqttClient in M2Mqtt/MqttClient.cs (namespace nanoFramework.M2Mqtt).</summary>
    public enum MqttProtocolVersion
    {
        Version_3_1 = 0x03,
        Version_3_1_1 = 0x04,
        Version_5 = 0x05,
    }
}
