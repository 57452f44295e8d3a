using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// What the supervisor counts for diag and tests: attempts, sessions, failovers, the last failures and
    /// the messages it took or skipped. It writes the connection's fields of the diag message.
    /// </summary>
    public sealed class ConnectionStats : IDiagContributor
    {
        private readonly ConnectionSupervisor _supervisor;
        /// <summary>BeginConnect calls so far.</summary>
        public int ConnectAttempts;
        /// <summary>Online sessions (births sent) so far.</summary>
        internal int Sessions;
        /// <summary>Moves to another endpoint so far.</summary>
        public int Failovers;
        /// <summary>QoS 0 messages not sent because the device was offline (or the link refused them).</summary>
        public long Qos0Skipped;
        /// <summary>Messages taken by Publish: QoS 0 sent, QoS 1/2 queued (acknowledged ones: Outbox.Delivered).</summary>
        public long Accepted;
        /// <summary>Why the last attempt failed or the last connection ended (None until then). Auth failures show up here as themselves.</summary>
        public LinkFailure LastFailure;
        /// <summary>Why the last online session ended (None until one did, or after a planned shutdown).</summary>
        public LinkFailure LastDisconnect;

        internal ConnectionStats(ConnectionSupervisor supervisor)
        {
            _supervisor = supervisor;
        }

        /// <summary>Online sessions after the first one.</summary>
        public int Reconnects => Sessions > 1 ? Sessions - 1 : 0;

        /// <summary>"state" to "skipped", and "config_error" while the connection settings are unusable.</summary>
        public void WriteDiag(JsonWriter w)
        {
            w.Field("state", StateName(_supervisor.State));
            w.Field("reconnects", Reconnects);
            w.Field("connect_attempts", ConnectAttempts);
            w.Field("last_disconnect", LinkFailureNames.Of(LastDisconnect));
            w.Field("last_failure", LinkFailureNames.Of(LastFailure));
            BrokerEndpoint endpoint = _supervisor.CurrentEndpoint;
            w.Field("broker", endpoint == null ? null : endpoint.ToString());
            Outbox outbox = _supervisor.Outbox;
            w.Field("outbox", outbox.Count);
            w.Field("dropped", outbox.Dropped);
            w.Field("expired", outbox.Expired);
            w.Field("skipped", Qos0Skipped);
            string configError = _supervisor.ConfigError;
            if (configError != null)
            {
                w.Field("config_error", configError);
            }
        }

        /// <summary>The state's name in diag (nanoFramework's Enum.ToString gives the number, not the name).</summary>
        private static string StateName(ConnectionState state)
        {
            switch (state)
            {
                case ConnectionState.WifiDown:
                    return "wifi_down";
                case ConnectionState.WifiUp:
                    return "wifi_up";
                case ConnectionState.Connecting:
                    return "connecting";
                case ConnectionState.Connected:
                    return "connected";
                case ConnectionState.Subscribed:
                    return "subscribed";
                case ConnectionState.Online:
                    return "online";
                case ConnectionState.ShuttingDown:
                    return "shutting_down";
                case ConnectionState.Stopped:
                    return "stopped";
                default:
                    return "unknown";
            }
        }
    }
}
