// REFERENCE SHIM, never deployed. Mirrors nanoFramework.M2Mqtt 5.1.220 (commit 820878720740409782046cb85329884d59ba9974),
// files M2Mqtt/Messages/ConnectionOpenedEventArgs.cs, MqttMsgConnack.cs and MqttMsgBase.cs (assembly
// nanoFramework.M2Mqtt, namespace nanoFramework.M2Mqtt.Messages).
using System;

namespace nanoFramework.M2Mqtt.Messages
{
    public abstract class MqttMsgBase
    {
    }

    public class MqttMsgConnack : MqttMsgBase
    {
        public MqttMsgConnack() { }

        public bool SessionPresent { get { throw null; } set { } }

        public MqttReasonCode ReturnCode { get { throw null; } set { } }
    }

    public class ConnectionOpenedEventArgs : EventArgs
    {
        public ConnectionOpenedEventArgs(MqttMsgConnack connact) { }

        public MqttMsgConnack Message { get { throw null; } }
    }
}
