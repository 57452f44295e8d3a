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
        private int _attempts;
        private int _sessions;
        private int _failovers;
        private long _skipped;
        private long _accepted;
        private LinkFailure _lastFailure = LinkFailure.None;
        private LinkFailure _lastDisconnect = LinkFailure.None;

        internal ConnectionStats(ConnectionSupervisor supervisor)
        {
            _supervisor = supervisor;
        }

        /// <summary>BeginConnect calls so far.</summary>
        public int ConnectAttempts => _attempts;

        /// <summary>Online sessions after the first one.</summary>
        public int Reconnects => _sessions > 1 ? _sessions - 1 : 0;

        /// <summary>Moves to another endpoint so far.</summary>
        public int Failovers => _failovers;

        /// <summary>Why the last attempt failed or the last connection ended (None until then). Auth failures show up here as themselves.</summary>
        public LinkFailure LastFailure => _lastFailure;

        /// <summary>Why the last online session ended (None until one did, or after a planned shutdown).</summary>
        public LinkFailure LastDisconnect => _lastDisconnect;

        /// <summary>QoS 0 messages not sent because the device was offline (or the link refused them).</summary>
        public long Qos0Skipped => _skipped;

        /// <summary>Messages taken by Publish: QoS 0 sent, QoS 1/2 queued (acknowledged ones: Outbox.Delivered).</summary>
        public long Accepted => _accepted;

        public int OutboxDepth => _supervisor.Outbox.Count;

        public long OutboxDropped => _supervisor.Outbox.Dropped;

        public long OutboxExpired => _supervisor.Outbox.Expired;

        internal void CountAttempt() => _attempts++;

        /// <summary>The birth went out: one more online session.</summary>
        internal void CountSession() => _sessions++;

        internal void CountFailover() => _failovers++;

        /// <summary>A message Publish took (sent or queued), or a QoS 0 one it skipped.</summary>
        internal void CountPublish(bool taken)
        {
            if (taken)
            {
                _accepted++;
            }
            else
            {
                _skipped++;
            }
        }

        internal void Failed(LinkFailure reason) => _lastFailure = reason;

        /// <summary>Why the online session ended (also recorded by <see cref="Failed"/>).</summary>
        internal void Disconnected(LinkFailure reason) => _lastDisconnect = reason;

        /// <summary>"state" to "skipped", and "config_error" while the connection settings are unusable.</summary>
        public void WriteDiag(JsonWriter w)
        {
            w.Field("state", ConnectionStateNames.Of(_supervisor.State));
            w.Field("reconnects", Reconnects);
            w.Field("connect_attempts", ConnectAttempts);
            w.Field("last_disconnect", LinkFailureNames.Of(LastDisconnect));
            w.Field("last_failure", LinkFailureNames.Of(LastFailure));
            BrokerEndpoint endpoint = _supervisor.CurrentEndpoint;
            w.Field("broker", endpoint == null ? null : endpoint.ToString());
            w.Field("outbox", OutboxDepth);
            w.Field("dropped", OutboxDropped);
            w.Field("expired", OutboxExpired);
            w.Field("skipped", Qos0Skipped);
            string configError = _supervisor.ConfigError;
            if (configError != null)
            {
                w.Field("config_error", configError);
            }
        }
    }
}
