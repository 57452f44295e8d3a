// REFERENCE SHIM, never deployed. Mirrors nanoFramework.M2Mqtt 5.1.220 (commit 820878720740409782046cb85329884d59ba9974),
// file M2Mqtt/MqttSettings.cs. A process-wide singleton: every MqttClient shares it.
namespace nanoFramework.M2Mqtt
{
    public class MqttSettings
    {
        private MqttSettings() { }

        /// <summary>How long Connect (and every other request-response) waits for the broker's answer, in ms.</summary>
        public const int DefaultTimeout = 30_000;

        public int InflightQueueSize { get { throw null; } set { } }
        public bool ValidateServerCertificate { get { throw null; } set { } }
        public static MqttSettings Instance { get { throw null; } }
    }
}
