using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// Settings of the <see cref="ConnectionSupervisor"/>. Every field has a default that suits a field
    /// device on flaky Wi-Fi; only <see cref="Endpoints"/> must be set.
    /// </summary>
    public sealed class SupervisorOptions
    {
        /// <summary>Brokers in order of preference. The supervisor moves on after <see cref="FailoverAfterFailures"/> failed attempts, and wraps to the first.</summary>
        public BrokerEndpoint[] Endpoints = new BrokerEndpoint[0];

        /// <summary>Consecutive failed attempts on one endpoint before trying the next.</summary>
        public int FailoverAfterFailures = 3;

        /// <summary>
        /// With more than one endpoint, a connect refused outright (nothing listens there, or the host is
        /// unreachable: <see cref="LinkFailure.Refused"/>) moves to the next endpoint at once instead of after
        /// <see cref="FailoverAfterFailures"/>, and that endpoint is tried within the backoff base: a stopped
        /// cluster node costs one refused try, drawn within the session-loss window, and the fleet reaches the
        /// healthy node over about one window. Only a round refused by every endpoint waits a window. Other
        /// failures (timeouts, CONNACK refusals) still count to FailoverAfterFailures.
        /// </summary>
        public bool FailoverOnRefused = true;

        /// <summary>MQTT client id; null uses the device id.</summary>
        public string ClientId;

        public string Username;
        public string Password;

        /// <summary>3 for MQTT 3.1.1, 5 for MQTT 5.</summary>
        public int ProtocolVersion = 3;

        /// <summary>Keepalive sent to the broker, and the basis of half-open detection (silence for 1.5 periods); 0 turns both off.</summary>
        public int KeepAliveSeconds = 30;

        /// <summary>
        /// MQTT 5 session expiry. An hour keeps commands queued by the broker through an ordinary outage
        /// without making the broker hold a dead device's session for ever.
        /// </summary>
        public int SessionExpirySeconds = 3600;

        /// <summary>A connect attempt not answered within this time is abandoned (Abort) and counted as a Timeout failure.</summary>
        public int ConnectTimeoutMs = 10000;

        /// <summary>The largest inbound packet accepted (see <see cref="ConnectRequest.MaxPacketBytes"/>); 0 for no limit.</summary>
        public int MaxInboundPacketBytes;

        /// <summary>
        /// Holds back a TLS attempt while the wall time is unknown (IClock.UnixSeconds is 0): mbedTLS checks
        /// the certificate's dates against the clock and fails every handshake before SNTP has set it. The
        /// wait shows as <see cref="LinkFailure.TimeUnknown"/>; it counts neither for backoff nor for failover.
        /// </summary>
        public bool TlsWaitsForTime = true;

        /// <summary>Bound on the subscribe and on the birth publish after CONNACK.</summary>
        public const int SubscribeTimeoutMs = 10000;

        /// <summary>A planned shutdown waits this long for the "offline" acknowledgement before it aborts (the will then says offline).</summary>
        public const int ShutdownTimeoutMs = 2000;

        /// <summary>No online session for this long reboots the device, recording why; 0 turns the watchdog off. Default 15 min.</summary>
        public long WatchdogMs = 15 * 60 * 1000;

        /// <summary>QoS 1/2 messages sent and not yet acknowledged, at most.</summary>
        public const int MaxInFlight = 8;

        /// <summary>Longest wait between steps while a connection exists, so link events are taken promptly even when the shell does not wake the loop.</summary>
        public const int EventPollMs = 100;

        /// <summary>Longest wait between steps without a connection, so a change of the IP link is seen promptly.</summary>
        public const int NetworkPollMs = 1000;

        /// <summary>Wait before retrying when the link refused a publish (its buffer was full).</summary>
        public const int PublishRetryMs = 200;

        public readonly BackoffOptions Backoff = new BackoffOptions();

        public readonly OutboxOptions Outbox = new OutboxOptions();

        /// <summary>
        /// Null when usable, else what is wrong, in one line. The supervisor makes no attempt while this is not
        /// null. The bounds of single nf.config keys ([mqtt], [watchdog], [outbox]) are the config reader's;
        /// this checks what code may get wrong.
        /// </summary>
        public string Validate()
        {
            if (Endpoints == null || Endpoints.Length == 0)
            {
                return "no broker endpoint";
            }

            for (int i = 0; i < Endpoints.Length; i++)
            {
                string problem = Endpoints[i] == null ? "broker endpoint " + i + " is missing" : Endpoints[i].Validate();
                if (problem != null)
                {
                    return problem;
                }
            }

            // What the config reader bounds but code can still set: each would make every attempt fail at once
            // or drop every QoS 1 message.
            if ((ProtocolVersion != 3 && ProtocolVersion != 5) || KeepAliveSeconds < 0 || KeepAliveSeconds > 65535
                || ConnectTimeoutMs <= 0 || FailoverAfterFailures < 1)
            {
                return "protocol must be 3 or 5, keepalive 0..65535 s, connect timeout and failover_after above 0";
            }

            if (Outbox.MaxMessages < 1 || Outbox.MaxBytes < 1)
            {
                return "outbox max_messages and max_bytes must be at least 1";
            }

            return Backoff.Validate();
        }
    }
}
