using System;
using System.Collections;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Device
{
    /// <summary>
    /// IMqttLink over nanoFramework.M2Mqtt 5.1.220. The core's ConnectionSupervisor owns every rule (timeouts,
    /// backoff, resubscribe, keepalive deadline); this class only turns calls into M2Mqtt calls and M2Mqtt's
    /// callbacks into queued LinkEvents.
    ///
    /// Threads: the step thread calls the IMqttLink methods. Each attempt runs on its own connect thread,
    /// because the MqttClient constructor resolves DNS and Connect blocks (and can hang); the supervisor gives
    /// up after its connect timeout and calls Abort, which closes the socket under the hung call. M2Mqtt's
    /// own threads (receive, dispatch, keep-alive, inflight) raise the events. All of them touch only the
    /// fields guarded by _sync, and wake the step thread after queueing an event.
    ///
    /// Attempt numbers: every BeginConnect, Disconnect and Abort starts a new attempt number; a client or a
    /// callback that belongs to an older attempt is ignored (and disposed), so a late CONNACK or a
    /// ConnectionClosed from a dropped client can never reach the core.
    /// </summary>
    internal sealed class M2MqttLink : IMqttLink
    {
        public const string CaCertificatePath = "I:\\ca.pem";
        public const string ClientCertificatePath = "I:\\client.pem";
        public const string ClientKeyPath = "I:\\client.key";

        // M2Mqtt's inflight queue is unbounded by default (int.MaxValue). Bounded, a publish that cannot be
        // queued fails at once (Publish returns -1) and the message stays in the core's outbox instead of
        // growing the heap. It also carries the acknowledgements of inbound QoS 1/2 messages, hence the margin.
        private const int InflightQueueSize = 64;

        private readonly AutoResetEvent _wake;
        private readonly object _sync = new object();
        private readonly ArrayList _events = new ArrayList();

        // Guarded by _sync.
        private int _attempt;
        private MqttClient _client;
        private bool _connected;
        private bool _sessionPresent;

        // The code of a refused CONNACK of the current attempt: M2Mqtt's receive thread may see the broker
        // close the socket right after it and fail Connect with an exception that hides the code.
        private int _refusedCode;
        private string _probeTopic;
        private int _probeId;
        private MqttClient _retired;
        private int _maxPayloadBytes;

        // Read once, on a connect thread, guarded by _sync.
        private bool _certificatesLoaded;
        private X509Certificate _caCertificate;
        private X509Certificate _clientCertificate;

        public M2MqttLink(AutoResetEvent wake)
        {
            _wake = wake;
            MqttSettings.Instance.InflightQueueSize = InflightQueueSize;
            MqttSettings.Instance.ValidateServerCertificate = true;
        }

        public void BeginConnect(ConnectRequest request)
        {
            MqttClient old;
            int attempt;
            lock (_sync)
            {
                attempt = ++_attempt;
                old = TakeClientLocked();
            }

            // A fresh client for every attempt: M2Mqtt's history has a reconnect hang and a leak, and the
            // constructor is where DNS happens, so it belongs on the connect thread too.
            new Thread(() => RunAttempt(request, attempt, old)).Start();
        }

        public bool Subscribe(string[] topics, int[] qos)
        {
            MqttClient client = ConnectedClient();
            if (client == null || topics == null || qos == null || topics.Length != qos.Length)
            {
                return false;
            }

            var levels = new MqttQoSLevel[qos.Length];
            for (int i = 0; i < qos.Length; i++)
            {
                levels[i] = ToQos(qos[i]);
            }

            try
            {
                client.Subscribe(topics, levels);
                return true;
            }
            catch (Exception ex)
            {
                Debug.WriteLine("mqtt: subscribe failed: " + ex.Message);
                return false;
            }
        }

        public int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, byte[] correlationData)
        {
            // correlationData is dropped: M2Mqtt 5.1.220's public Publish overloads take no MQTT 5 properties
            // other than the content type and user properties, so command results go to the /result topic.
            MqttClient client = ConnectedClient();
            if (client == null)
            {
                return -1;
            }

            try
            {
                // M2Mqtt takes a whole array and keeps it until the PUBACK (to send it again), so a payload in
                // the outbox's buffer (its records move) is copied: the copy lives as long as the message is in M2Mqtt's hands.
                byte[] message = payload;
                if (payload == null || offset != 0 || count != payload.Length)
                {
                    message = new byte[count];
                    if (count > 0)
                    {
                        Array.Copy(payload, offset, message, 0, count);
                    }
                }

                ushort id = client.Publish(topic, message, null, null, ToQos(qos), retain);
                return qos <= 0 ? 0 : id;
            }
            catch (MqttClientException)
            {
                // InflightQueueFull (or a topic M2Mqtt refuses): the caller keeps the message and retries.
                return -1;
            }
            catch (Exception ex)
            {
                Debug.WriteLine("mqtt: publish failed: " + ex.Message);
                return -1;
            }
        }

        /// <summary>
        /// M2Mqtt has no public ping, and its own PINGREQ/PINGRESP is invisible here. A Pong made up from
        /// IsConnected would hide a half-open link (M2Mqtt notices one only after up to two keepalive periods,
        /// and not at all while it keeps sending into the void). So the probe is a real round trip: a SUBSCRIBE
        /// to {prefix}/{id}/probe, a filter nothing publishes to and inside the device's own ACL, whose SUBACK
        /// becomes the Pong. No SUBACK, no Pong: the supervisor drops the link after 1.5 keepalives.
        /// </summary>
        public void Ping()
        {
            MqttClient client = ConnectedClient();
            string probe;
            lock (_sync)
            {
                probe = _probeTopic;
            }

            if (client == null || probe == null)
            {
                return;
            }

            try
            {
                ushort id = client.Subscribe(new string[] { probe }, new MqttQoSLevel[] { MqttQoSLevel.AtMostOnce });
                lock (_sync)
                {
                    _probeId = id;
                }
            }
            catch (Exception ex)
            {
                Debug.WriteLine("mqtt: probe failed: " + ex.Message);
            }
        }

        public void Disconnect()
        {
            MqttClient client;
            lock (_sync)
            {
                _attempt++;
                client = TakeClientLocked();
            }

            if (client != null)
            {
                // Sending DISCONNECT writes to the socket, which may block: never on the step thread.
                new Thread(() =>
                {
                    try
                    {
                        client.Disconnect();
                    }
                    catch (Exception)
                    {
                        // Already gone: the broker will publish the will, which says the same.
                    }

                    DisposeQuietly(client);
                }).Start();
            }
        }

        public void Abort()
        {
            MqttClient client;
            lock (_sync)
            {
                _attempt++;
                client = TakeClientLocked();
            }

            if (client != null)
            {
                // Dispose closes the socket without DISCONNECT (the broker publishes the will); a Connect
                // hanging on that socket then throws on its own thread, which sees a stale attempt and stops.
                new Thread(() => DisposeQuietly(client)).Start();
            }
        }

        public LinkEvent Poll()
        {
            lock (_sync)
            {
                if (_events.Count == 0)
                {
                    return null;
                }

                var e = (LinkEvent)_events[0];
                _events.RemoveAt(0);
                return e;
            }
        }

        private void RunAttempt(ConnectRequest request, int attempt, MqttClient old)
        {
            // Not on this thread: MqttClient.Close sleeps 200 ms and, on a client M2Mqtt already closed itself
            // (the retired one, after ConnectionClosed), then waits 1 s for a keep-alive thread that has ended.
            DisposeInBackground(old, TakeRetired());

            X509Certificate ca = null;
            X509Certificate clientCertificate = null;
            if (request.UseTls)
            {
                LoadCertificates(out ca, out clientCertificate);
                if (ca == null)
                {
                    Debug.WriteLine("mqtt: tls = true needs the broker's CA certificate at " + CaCertificatePath);
                    Fail(attempt, LinkFailure.TlsFailure);
                    return;
                }
            }

            MqttClient client;
            try
            {
                client = new MqttClient(request.Host, request.Port, request.UseTls, ca, clientCertificate,
                    request.UseTls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            }
            catch (Exception ex)
            {
                // Only name resolution happens here (Dns.GetHostEntry).
                Debug.WriteLine("mqtt: cannot resolve " + request.Host + ": " + ex.Message);
                Fail(attempt, LinkFailure.DnsFailure);
                return;
            }

            client.ProtocolVersion = request.ProtocolVersion == 5 ? MqttProtocolVersion.Version_5 : MqttProtocolVersion.Version_3_1_1;
            if (request.ProtocolVersion == 5 && request.SessionExpirySeconds > 0)
            {
                client.SessionExpiryInterval = (uint)request.SessionExpirySeconds;
            }

            if (request.ProtocolVersion == 5 && request.MaxPacketBytes > 0)
            {
                // The broker then drops a larger message instead of sending it: M2Mqtt allocates about
                // twice an inbound packet's size, and one large retained message would exhaust the heap.
                client.MaximumPacketSize = (uint)request.MaxPacketBytes;
            }

            client.ConnectionOpened += OnConnectionOpened;
            client.MqttMsgPublishReceived += OnPublishReceived;
            client.MqttMsgPublished += OnPublished;
            client.MqttMsgSubscribed += OnSubscribed;
            client.ConnectionClosed += OnConnectionClosed;

            lock (_sync)
            {
                if (attempt != _attempt)
                {
                    client = null;
                }
                else
                {
                    // Visible before Connect, so that Abort can close a hanging Connect's socket.
                    _client = client;
                    _sessionPresent = false;
                    _refusedCode = 0;
                    _probeTopic = ProbeTopic(request.WillTopic);
                    _probeId = 0;
                    _maxPayloadBytes = request.MaxPacketBytes;
                }
            }

            if (client == null)
            {
                return;
            }

            int keepAlive = request.KeepAliveSeconds < 0 ? 0 : (request.KeepAliveSeconds > 65535 ? 65535 : request.KeepAliveSeconds);
            bool willFlag = request.WillTopic != null;
            string willMessage = willFlag && request.WillPayload != null
                ? Utf8.GetString(request.WillPayload, 0, request.WillPayload.Length)
                : null;

            MqttReasonCode code;
            long connectStartMs = Environment.TickCount64;
            try
            {
                code = client.Connect(request.ClientId, request.Username, request.Password, request.WillRetain, ToQos(request.WillQos),
                    willFlag, request.WillTopic, willMessage, request.CleanSession, (ushort)keepAlive);
            }
            catch (Exception ex)
            {
                int refused;
                lock (_sync)
                {
                    refused = _refusedCode;
                }

                LinkFailure failure = refused != 0
                    ? ConnectErrorClassifier.Refused(ClassifyReasonCode(refused), request.Username != null)
                    : ClassifyConnectException(ex, request.UseTls, Environment.TickCount64 - connectStartMs);
                Debug.WriteLine("mqtt: connect to " + request.Host + ":" + request.Port.ToString() + " failed: " + LinkFailureNames.Of(failure));
                FailAndDrop(attempt, client, failure);
                return;
            }

            if ((int)code != 0)
            {
                LinkFailure failure = ConnectErrorClassifier.Refused(ClassifyReasonCode((int)code), request.Username != null);
                Debug.WriteLine("mqtt: broker refused the connection, reason code " + ((int)code).ToString());
                FailAndDrop(attempt, client, failure);
                return;
            }

            var connected = new LinkEvent(LinkEventKind.Connected);
            lock (_sync)
            {
                if (attempt != _attempt)
                {
                    return;
                }

                _connected = true;
                connected.SessionPresent = _sessionPresent;
                _events.Add(connected);
            }

            _wake.Set();
        }

        private void OnConnectionOpened(object sender, ConnectionOpenedEventArgs e)
        {
            lock (_sync)
            {
                if (sender == _client && e.Message != null)
                {
                    _sessionPresent = e.Message.SessionPresent;
                    _refusedCode = (int)e.Message.ReturnCode;
                }
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            // M2Mqtt 5.1.220 does not pass an MQTT 5 response topic or correlation data to this event.
            var message = new LinkEvent(LinkEventKind.MessageReceived);
            message.Topic = e.Topic;
            message.Retain = e.Retain;
            int max;
            lock (_sync)
            {
                max = _maxPayloadBytes;
            }

            byte[] payload = e.Message;
            if (max > 0 && payload != null && payload.Length > max)
            {
                // Only the length goes on, so the buffer is free for the next collection; the core refuses it.
                message.OversizeBytes = payload.Length;
            }
            else
            {
                message.Payload = payload;
            }

            EnqueueFrom(sender, message);
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            // IsPublished false means M2Mqtt gave up waiting for the PUBACK: the message stays in the core's
            // outbox (it was never acknowledged) and goes again after the next connect.
            if (e.IsPublished)
            {
                var acked = new LinkEvent(LinkEventKind.PublishAcked);
                acked.PacketId = e.MessageId;
                EnqueueFrom(sender, acked);
            }
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            bool probe;
            lock (_sync)
            {
                probe = _probeId != 0 && e.MessageId == _probeId;
            }

            if (probe)
            {
                EnqueueFrom(sender, new LinkEvent(LinkEventKind.Pong));
                return;
            }

            var subscribed = new LinkEvent(LinkEventKind.Subscribed);
            subscribed.PacketId = e.MessageId;
            EnqueueFrom(sender, subscribed);
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            // Raised on M2Mqtt's dispatch thread after it closed the client, whether the broker hung up, the
            // socket failed or a PINGRESP did not come: M2Mqtt does not say which, hence ConnectionClosed.
            lock (_sync)
            {
                if (sender != _client || !_connected)
                {
                    return;
                }

                _connected = false;
                _client = null;

                // Disposed by the next attempt, not here: this is the client's own dispatch thread.
                _retired = (MqttClient)sender;
                var lost = new LinkEvent(LinkEventKind.ConnectionLost);
                lost.Failure = LinkFailure.ConnectionClosed;
                _events.Add(lost);
            }

            _wake.Set();
        }

        /// <summary>{prefix}/{id}/probe, from the will topic {prefix}/{id}/status; null without a will.</summary>
        private static string ProbeTopic(string willTopic)
        {
            int slash = willTopic == null ? -1 : willTopic.LastIndexOf('/');
            return slash <= 0 ? null : willTopic.Substring(0, slash) + "/probe";
        }

        private void EnqueueFrom(object sender, LinkEvent e)
        {
            lock (_sync)
            {
                if (sender != _client || !_connected)
                {
                    return;
                }

                _events.Add(e);
            }

            _wake.Set();
        }

        private void Enqueue(LinkEvent e)
        {
            lock (_sync)
            {
                _events.Add(e);
            }

            _wake.Set();
        }

        private void Fail(int attempt, LinkFailure failure)
        {
            var failed = new LinkEvent(LinkEventKind.ConnectFailed);
            failed.Failure = failure;
            lock (_sync)
            {
                if (attempt != _attempt)
                {
                    return;
                }

                _events.Add(failed);
            }

            _wake.Set();
        }

        private void FailAndDrop(int attempt, MqttClient client, LinkFailure failure)
        {
            lock (_sync)
            {
                if (_client == client)
                {
                    _client = null;
                }
            }

            DisposeQuietly(client);
            Fail(attempt, failure);
        }

        private MqttClient ConnectedClient()
        {
            lock (_sync)
            {
                return _connected ? _client : null;
            }
        }

        /// <summary>Detaches the current client (caller holds _sync); later callbacks from it are ignored.</summary>
        private MqttClient TakeClientLocked()
        {
            MqttClient client = _client;
            _client = null;
            _connected = false;
            return client;
        }

        private MqttClient TakeRetired()
        {
            lock (_sync)
            {
                MqttClient retired = _retired;
                _retired = null;
                return retired;
            }
        }

        private void LoadCertificates(out X509Certificate ca, out X509Certificate clientCertificate)
        {
            lock (_sync)
            {
                if (!_certificatesLoaded)
                {
                    _certificatesLoaded = true;
                    try
                    {
                        string caPem = StorageFiles.ReadText(CaCertificatePath);
                        if (caPem != null)
                        {
                            _caCertificate = new X509Certificate(caPem);
                        }

                        string certPem = StorageFiles.ReadText(ClientCertificatePath);
                        string keyPem = StorageFiles.ReadText(ClientKeyPath);
                        if (certPem != null && keyPem != null)
                        {
                            _clientCertificate = new X509Certificate2(certPem, keyPem, null);
                        }
                    }
                    catch (Exception ex)
                    {
                        // A malformed PEM: report it as a TLS failure at every attempt rather than crash.
                        Debug.WriteLine("mqtt: cannot read the TLS certificates: " + ex.Message);
                        _caCertificate = null;
                        _clientCertificate = null;
                    }
                }

                ca = _caCertificate;
                clientCertificate = _clientCertificate;
            }
        }

        private static void DisposeInBackground(MqttClient first, MqttClient second)
        {
            if (first != null || second != null)
            {
                new Thread(() =>
                {
                    DisposeQuietly(first);
                    DisposeQuietly(second);
                }).Start();
            }
        }

        private static void DisposeQuietly(MqttClient client)
        {
            if (client == null)
            {
                return;
            }

            try
            {
                client.Dispose();
            }
            catch (Exception)
            {
                // Best effort: the client is dropped either way.
            }
        }

        private static MqttQoSLevel ToQos(int qos)
        {
            return qos <= 0 ? MqttQoSLevel.AtMostOnce : (qos == 1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.ExactlyOnce);
        }

        /// <summary>
        /// The facts of what Connect threw (type names, socket error, time taken) for the core's
        /// ConnectErrorClassifier, which holds the rules: a missing CONNACK arrives as an inner-less
        /// MqttCommunicationException after MqttSettings.DefaultTimeout, not as MqttTimeoutException.
        /// </summary>
        private static LinkFailure ClassifyConnectException(Exception ex, bool tls, long elapsedMs)
        {
            Exception inner = ex.InnerException;
            var socket = ex as SocketException;
            if (socket == null)
            {
                socket = inner as SocketException;
            }

            return ConnectErrorClassifier.Classify(ex.GetType().Name, inner == null ? null : inner.GetType().Name,
                socket == null ? ConnectErrorClassifier.NoSocketError : socket.ErrorCode, tls, elapsedMs, MqttSettings.DefaultTimeout);
        }

        /// <summary>CONNACK return codes of MQTT 3.1.1 (1..5) and reason codes of MQTT 5 (0x80 and up).</summary>
        private static LinkFailure ClassifyReasonCode(int code)
        {
            switch (code)
            {
                case 0x04: // 3.1.1 bad user name or password
                case 0x86: // BadUserNameOrPassword
                case 0x8C: // BadAuthenticationMethod
                    return LinkFailure.BadCredentials;
                case 0x05: // 3.1.1 not authorized
                case 0x87: // NotAuthorized
                case 0x8A: // Banned
                    return LinkFailure.NotAuthorized;
                case 0x01: // 3.1.1 unacceptable protocol version
                case 0x02: // 3.1.1 identifier rejected
                case 0x03: // 3.1.1 server unavailable
                case 0x84: // UnsupportedProtocolVersion
                case 0x85: // ClientIdentifierNotValid
                case 0x88: // ServerUnavailable
                case 0x89: // ServerBusy
                case 0x8B: // ServerShuttingDown
                case 0x97: // QuotaExceeded
                case 0x9C: // UseAnotherServer
                case 0x9D: // ServerMoved
                case 0x9F: // ConnectionRateExceeded
                    return LinkFailure.BrokerRefused;
                default:
                    return LinkFailure.ProtocolError;
            }
        }
    }
}
