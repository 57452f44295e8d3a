using System;
using System.Collections;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// Keeps the device online: Wi-Fi up, then the broker connected, subscribed, birth sent and the outbox
    /// drained, each step with its own timeout. A step function on one thread: <see cref="Step"/> takes the
    /// link's events, runs every timeout and returns when it wants to be stepped again. It is also the
    /// device's <see cref="IPublisher"/>: QoS 0 goes out only while online, QoS 1/2 through the outbox.
    /// Its counters are in <see cref="Stats"/>; a reboot asked for ends the session, then <see cref="RebootKeeper"/> reboots.
    /// </summary>
    public sealed class ConnectionSupervisor : IBrokerSession
    {
        public const string BirthText = "online";
        public const string WillText = "offline";

        // Events taken per step at most, so a flood of inbound messages cannot starve the timers.
        private const int MaxEventsPerStep = 64;
        private const long Never = long.MaxValue;

        private static readonly byte[] BirthPayload = Utf8.GetBytes(BirthText);
        private static readonly byte[] WillPayload = Utf8.GetBytes(WillText);

        private readonly SupervisorOptions _options;
        private readonly IMqttLink _link;
        private readonly INetworkLink _network;
        private readonly IClock _clock;
        private readonly IJitterSource _jitter;
        private readonly RebootKeeper _reboots;
        private readonly ConnectionStats _stats;
        private readonly Topics _topics;
        private readonly string[] _filters;
        private readonly int[] _filterQos;
        /// <summary>The broker's reconnect delays; its Failures count is 0 after a stable period online.</summary>
        public readonly Backoff Backoff;
        private readonly Backoff _networkBackoff;
        private readonly Outbox _outbox;
        private readonly ArrayList _observers = new ArrayList();
        /// <summary>Why the options are unusable, or null. While not null the supervisor makes no connect attempt.</summary>
        public readonly string ConfigError;
        /// <summary>Takes inbound PUBLISH messages, in every state (a persistent session delivers right after CONNACK). May be set after construction.</summary>
        public IMessageSink MessageSink;

        private ConnectionState _state;
        public int CurrentEndpointIndex;
        private int _endpointFailures;
        private int _refusedInRound;
        /// <summary>Whether the broker kept the session at the last CONNACK.</summary>
        public bool SessionPresent;

        /// <summary>When the next connect attempt is due (clock ms), or long.MaxValue while none is planned.</summary>
        public long NextAttemptMs;
        private long _nextNetworkRequestMs;
        private long _deadlineMs;
        private long _retryMs = Never;
        private long _lastInboundMs;
        private long _lastPingMs;
        private long _onlineSinceMs = -1;
        /// <summary>When the device last lost its broker session, or construction time if it never had one. Meaningful while offline.</summary>
        public long OfflineSinceMs;
        private bool _stableReached;
        private int _shutdownPacketId;

        /// <param name="options">Settings; null takes the defaults (which have no endpoint, see <see cref="ConfigError"/>).</param>
        /// <param name="subscribeFilters">Topic filters subscribed after every connect, e.g. { topics.CommandFilter }; null or empty subscribes to nothing.</param>
        /// <param name="subscribeQos">The QoS of each filter, same length.</param>
        public ConnectionSupervisor(
            SupervisorOptions options,
            IMqttLink link,
            INetworkLink network,
            IClock clock,
            IJitterSource jitter,
            RebootKeeper reboots,
            Topics topics,
            string[] subscribeFilters,
            int[] subscribeQos)
        {
            if (link == null || network == null || clock == null || jitter == null || reboots == null || topics == null)
            {
                throw new ArgumentNullException();
            }

            _options = options ?? new SupervisorOptions();
            _link = link;
            _network = network;
            _clock = clock;
            _jitter = jitter;
            _reboots = reboots;
            _stats = new ConnectionStats(this);
            _topics = topics;
            _filters = subscribeFilters ?? new string[0];
            _filterQos = subscribeQos ?? new int[0];

            string problem = _options.Validate();
            if (problem == null && _filters.Length != _filterQos.Length)
            {
                problem = "each subscribed filter needs its QoS";
            }

            ConfigError = problem;
            // Both take the defaults for null.
            Backoff = new Backoff(_options.Backoff, jitter);
            _networkBackoff = new Backoff(_options.Backoff, jitter);
            _outbox = new Outbox(_options.Outbox);

            long now = clock.NowMs;
            OfflineSinceMs = now;
            _nextNetworkRequestMs = now;
            _state = network.IsUp ? ConnectionState.WifiUp : ConnectionState.WifiDown;
            // With the network already up the first attempt is immediate; otherwise the link-up plans it,
            // with jitter, which spreads a fleet that powers up together after a mains cut.
            NextAttemptMs = ConfigError == null && _state == ConnectionState.WifiUp ? now : Never;
        }

        public ConnectionState State => _state;

        /// <summary>True from the birth until the session ends.</summary>
        public bool IsOnline => _state == ConnectionState.Online;

        public Topics Topics => _topics;


        public ConnectionStats Stats => _stats;

        public RebootKeeper Reboots => _reboots;

        /// <summary>The endpoint of the current (or next) attempt.</summary>
        public BrokerEndpoint CurrentEndpoint
        {
            get
            {
                BrokerEndpoint[] endpoints = _options.Endpoints;
                return endpoints == null || endpoints.Length == 0 ? null : endpoints[CurrentEndpointIndex];
            }
        }

        /// <summary>When the current session went online (clock ms), or -1 while offline.</summary>
        public long OnlineSinceMs => _state == ConnectionState.Online ? _onlineSinceMs : -1;

        public Outbox Outbox => _outbox;

        public void AddObserver(ISessionObserver observer)
        {
            if (observer != null && !_observers.Contains(observer))
            {
                _observers.Add(observer);
            }
        }

        /// <summary>Advances the connection; returns the clock time (ms) at which it wants the next step.</summary>
        public long Step(long nowMs)
        {
            // The link's events first, at most MaxEventsPerStep; more stays true when some are left for the next step.
            bool more = true;
            for (int i = 0; i < MaxEventsPerStep && _state != ConnectionState.Stopped; i++)
            {
                LinkEvent e = _link.Poll();
                if (e == null)
                {
                    more = false;
                    break;
                }

                Handle(e, nowMs);
            }

            if (_state == ConnectionState.Stopped)
            {
                return nowMs + SupervisorOptions.NetworkPollMs;
            }

            CheckNetwork(nowMs);
            RunTimers(nowMs);
            // The offline watchdog: no broker session for WatchdogMs asks for a reboot.
            long limit = _options.WatchdogMs;
            if (limit > 0 && !_reboots.Pending && _state != ConnectionState.Online && _state != ConnectionState.ShuttingDown
                && _state != ConnectionState.Stopped && nowMs - OfflineSinceMs >= limit)
            {
                RequestReboot("watchdog: no broker session for " + (limit / 1000) + " s");
            }

            // Keeps the expired count in diag current while offline too; free when expiry is off.
            _outbox.Expire(nowMs);
            if (_state == ConnectionState.Online)
            {
                SendFromOutbox(nowMs);
            }

            return more ? nowMs : NextWake(nowMs);
        }

        /// <summary>
        /// Sends or queues a message; never throws. QoS 0 goes out only while online (otherwise it is counted
        /// as skipped and false is returned). QoS 1/2 is queued in the outbox and sent in order, after the birth.
        /// </summary>
        public bool Publish(string topic, byte[] payload, int qos, bool retain, byte[] correlationData)
        {
            if (topic == null || topic.Length == 0 || qos < 0 || qos > 2)
            {
                return false;
            }

            if (payload == null)
            {
                payload = new byte[0];
            }

            if (qos == 0)
            {
                if (_state == ConnectionState.Online && _link.Publish(topic, payload, 0, payload.Length, 0, retain, correlationData) >= 0)
                {
                    _stats.Accepted++;
                    return true;
                }

                _stats.Qos0Skipped++;
                return false;
            }

            long now = _clock.NowMs;
            bool queued = _outbox.Enqueue(topic, payload, qos, retain, correlationData, now);
            if (queued)
            {
                _stats.Accepted++;
            }

            if (_state == ConnectionState.Online)
            {
                SendFromOutbox(now);
            }

            return queued;
        }

        /// <summary>
        /// A planned shutdown: publishes finalStatus (retained; null or empty means "offline", "sleeping" before
        /// a deep sleep), waits for its acknowledgement in later steps (at most ShutdownTimeoutMs), then
        /// disconnects cleanly. If the publish cannot be confirmed the connection is aborted instead, so the
        /// broker's will, which always says "offline", fires: then "offline" is the honest answer. Ends in Stopped.
        /// </summary>
        public void Shutdown(string finalStatus)
        {
            if (_state == ConnectionState.ShuttingDown || _state == ConnectionState.Stopped)
            {
                return;
            }

            long now = _clock.NowMs;
            bool wasOnline = _state == ConnectionState.Online;
            int id = -1;
            if (_state != ConnectionState.Connecting && HasConnection())
            {
                byte[] statusPayload = finalStatus == null || finalStatus.Length == 0 ? WillPayload : Utf8.GetBytes(finalStatus);
                id = _link.Publish(_topics.Status, statusPayload, 0, statusPayload.Length, 1, true, null);
            }

            if (id > 0)
            {
                _shutdownPacketId = id;
                _state = ConnectionState.ShuttingDown;
                _deadlineMs = now + SupervisorOptions.ShutdownTimeoutMs;
            }
            else
            {
                // Without a connection nothing to end; 0 means QoS 0 went out (nothing to confirm), -1 a dead link.
                if (id == 0)
                {
                    _link.Disconnect();
                }
                else if (HasConnection())
                {
                    _link.Abort();
                }

                _state = ConnectionState.Stopped;
            }

            if (wasOnline)
            {
                OfflineSinceMs = now;
                Notify(false, LinkFailure.None);
            }

            if (_state == ConnectionState.Stopped)
            {
                EnterStopped();
            }
        }

        /// <summary>
        /// Records the reason (read back as <see cref="RebootKeeper.LastResetReason"/> after the next boot), shuts
        /// down as <see cref="Shutdown(string)"/> does, then has <see cref="Reboots"/> reboot: at once when offline, else
        /// once the "offline" message is confirmed or its timeout passes (keep stepping).
        /// </summary>
        public void RequestReboot(string reason)
        {
            if (!_reboots.Record(reason))
            {
                return;
            }

            if (_state == ConnectionState.Stopped)
            {
                EnterStopped();
                return;
            }

            Shutdown(null);
        }

        private void Handle(LinkEvent e, long nowMs)
        {
            switch (e.Kind)
            {
                case LinkEventKind.Connected:
                    if (_state == ConnectionState.Connecting)
                    {
                        OnConnected(e.SessionPresent, nowMs);
                    }

                    break;
                case LinkEventKind.ConnectFailed:
                    if (_state == ConnectionState.Connecting)
                    {
                        EndConnection(e.Failure == LinkFailure.None ? LinkFailure.ProtocolError : e.Failure, false, nowMs);
                    }

                    break;
                case LinkEventKind.Subscribed:
                    _lastInboundMs = nowMs;
                    if (_state == ConnectionState.Connected)
                    {
                        SendBirth(nowMs);
                    }

                    break;
                case LinkEventKind.PublishAcked:
                    _lastInboundMs = nowMs;
                    _outbox.Acknowledge(e.PacketId);
                    if (_state == ConnectionState.ShuttingDown && e.PacketId == _shutdownPacketId)
                    {
                        _link.Disconnect();
                        EnterStopped();
                    }

                    break;
                case LinkEventKind.MessageReceived:
                    _lastInboundMs = nowMs;
                    Deliver(e);
                    break;
                case LinkEventKind.Pong:
                    _lastInboundMs = nowMs;
                    break;
                case LinkEventKind.ConnectionLost:
                    if (_state == ConnectionState.ShuttingDown)
                    {
                        EnterStopped();
                    }
                    else if (HasConnection())
                    {
                        EndConnection(e.Failure == LinkFailure.None ? LinkFailure.ConnectionClosed : e.Failure, false, nowMs);
                    }

                    break;
            }
        }

        private void CheckNetwork(long nowMs)
        {
            if (_network.IsUp)
            {
                if (_state == ConnectionState.WifiDown)
                {
                    _state = ConnectionState.WifiUp;
                    _networkBackoff.Reset();
                    if (ConfigError == null)
                    {
                        // However long the backoff had grown, recovery after an outage starts at once, with
                        // just enough jitter that a roomful of devices does not hit the broker together.
                        // An attempt already due (planned before Wi-Fi fell) gets the jitter too, or every device
                        // that lost the broker just before its Wi-Fi would come back in the same millisecond.
                        long early = nowMs + _jitter.Next(BackoffOptions.LinkUpJitterMs + 1);
                        if (early < NextAttemptMs || NextAttemptMs <= nowMs)
                        {
                            NextAttemptMs = early;
                        }
                    }
                }

                return;
            }

            if (_state == ConnectionState.ShuttingDown)
            {
                _link.Abort();
                EnterStopped();
                return;
            }

            if (HasConnection())
            {
                EndConnection(LinkFailure.NetworkDown, true, nowMs);
            }

            if (_state == ConnectionState.WifiUp)
            {
                _state = ConnectionState.WifiDown;
            }

            if (_state == ConnectionState.WifiDown && nowMs >= _nextNetworkRequestMs)
            {
                _network.RequestUp();
                _nextNetworkRequestMs = nowMs + _networkBackoff.NextDelayMs();
            }
        }

        private void RunTimers(long nowMs)
        {
            switch (_state)
            {
                case ConnectionState.WifiUp:
                    if (nowMs >= NextAttemptMs)
                    {
                        StartAttempt(nowMs);
                    }

                    break;
                case ConnectionState.Connecting:
                case ConnectionState.Connected:
                case ConnectionState.Subscribed:
                    if (nowMs >= _deadlineMs)
                    {
                        EndConnection(LinkFailure.Timeout, true, nowMs);
                    }
                    else if (_state == ConnectionState.Subscribed && nowMs >= _retryMs)
                    {
                        // The birth the link could not take yet.
                        SendBirth(nowMs);
                    }

                    break;
                case ConnectionState.Online:
                    long keepalive = _options.KeepAliveSeconds * 1000L;
                    if (keepalive > 0 && nowMs - _lastInboundMs >= keepalive * 3 / 2)
                    {
                        // Half-open: TCP still looks fine but the broker is gone. Only our own deadline can tell.
                        EndConnection(LinkFailure.KeepaliveTimeout, true, nowMs);
                        break;
                    }

                    if (keepalive > 0 && nowMs >= NextPingMs(keepalive))
                    {
                        _link.Ping();
                        _lastPingMs = nowMs;
                    }

                    if (!_stableReached && nowMs - _onlineSinceMs >= _options.Backoff.ResetAfterStableMs)
                    {
                        _stableReached = true;
                        Backoff.Reset();
                    }

                    break;
                case ConnectionState.ShuttingDown:
                    if (nowMs >= _deadlineMs)
                    {
                        // Unconfirmed "offline": abort so that the broker publishes the will, which says the same.
                        _link.Abort();
                        EnterStopped();
                    }

                    break;
            }
        }

        private long NextPingMs(long keepalive)
        {
            long last = _lastInboundMs > _lastPingMs ? _lastInboundMs : _lastPingMs;
            return last + keepalive / 2;
        }

        private void StartAttempt(long nowMs)
        {
            BrokerEndpoint endpoint = CurrentEndpoint;
            if (endpoint == null || ConfigError != null)
            {
                NextAttemptMs = Never;
                return;
            }

            if (endpoint.UseTls && _options.TlsWaitsForTime && _clock.UnixSeconds <= 0)
            {
                // An attempt now would be a certain TLS failure, and a backoff step and failover count with it.
                _stats.LastFailure = LinkFailure.TimeUnknown;
                NextAttemptMs = nowMs + SupervisorOptions.NetworkPollMs;
                return;
            }

            ConnectRequest request = new ConnectRequest();
            request.Host = endpoint.Host;
            request.Port = endpoint.Port;
            request.UseTls = endpoint.UseTls;
            request.ClientId = _options.ClientId != null && _options.ClientId.Length > 0 ? _options.ClientId : _topics.DeviceId;
            request.Username = _options.Username;
            request.Password = _options.Password;
            request.ProtocolVersion = _options.ProtocolVersion;
            request.CleanSession = false;
            request.SessionExpirySeconds = _options.SessionExpirySeconds;
            request.KeepAliveSeconds = _options.KeepAliveSeconds;
            request.MaxPacketBytes = _options.MaxInboundPacketBytes;
            request.WillTopic = _topics.Status;
            request.WillPayload = WillPayload;
            request.WillRetain = true;
            request.WillQos = 1;

            _stats.ConnectAttempts++;
            _state = ConnectionState.Connecting;
            _deadlineMs = nowMs + _options.ConnectTimeoutMs;
            NextAttemptMs = Never;
            _link.BeginConnect(request);
        }

        private void OnConnected(bool sessionPresent, long nowMs)
        {
            _state = ConnectionState.Connected;
            SessionPresent = sessionPresent;
            _lastInboundMs = nowMs;
            _deadlineMs = nowMs + SupervisorOptions.SubscribeTimeoutMs;
            if (_filters.Length == 0)
            {
                SendBirth(nowMs);
                return;
            }

            // Always, whatever SessionPresent says: a broker restarted without persistence keeps no subscriptions.
            if (!_link.Subscribe(_filters, _filterQos))
            {
                EndConnection(LinkFailure.ConnectionClosed, true, nowMs);
            }
        }

        /// <summary>Enters Subscribed (again, on a retry) and publishes the birth; online once the link took it.</summary>
        private void SendBirth(long nowMs)
        {
            // The subscribe timeout also bounds the birth, which a full link buffer may delay.
            _state = ConnectionState.Subscribed;
            // Sent straight to the link, not through the outbox: it must precede everything queued offline.
            if (_link.Publish(_topics.Status, BirthPayload, 0, BirthPayload.Length, 1, true, null) < 0)
            {
                _retryMs = nowMs + SupervisorOptions.PublishRetryMs;
                return;
            }

            _retryMs = Never;
            _state = ConnectionState.Online;
            _onlineSinceMs = nowMs;
            _stableReached = false;
            _endpointFailures = 0;
            _stats.Sessions++;
            _lastInboundMs = nowMs;
            _lastPingMs = nowMs;
            SendFromOutbox(nowMs);
            Notify(true, LinkFailure.None);
        }

        private void SendFromOutbox(long nowMs)
        {
            if (nowMs < _retryMs && _retryMs != Never)
            {
                return;
            }

            _retryMs = Never;
            while (_state == ConnectionState.Online && _outbox.InFlightCount < SupervisorOptions.MaxInFlight)
            {
                OutboxMessage m = _outbox.PeekWaiting(nowMs);
                if (m == null)
                {
                    return;
                }

                int id = _link.Publish(m.Topic, m.Buffer, m.PayloadOffset, m.PayloadLength, m.Qos, m.Retain, m.CorrelationData);
                if (id < 0)
                {
                    _retryMs = nowMs + SupervisorOptions.PublishRetryMs;
                    return;
                }

                _outbox.MarkSent(m, id);
            }
        }

        /// <summary>Ends the current attempt or online session (aborting the link if asked) and plans the next attempt.</summary>
        private void EndConnection(LinkFailure reason, bool abort, long nowMs)
        {
            bool wasOnline = _state == ConnectionState.Online;
            if (abort)
            {
                _link.Abort();
                // Whatever the aborted client had queued: messages were received (and maybe acknowledged), so
                // they are still delivered; the rest describes a connection that no longer exists.
                for (int i = 0; i < MaxEventsPerStep; i++)
                {
                    LinkEvent e = _link.Poll();
                    if (e == null)
                    {
                        break;
                    }

                    if (e.Kind == LinkEventKind.MessageReceived)
                    {
                        Deliver(e);
                    }
                }
            }

            // Sent but unconfirmed messages go out again after reconnect: a duplicate rather than a loss.
            _outbox.RequeueInFlight();
            _stats.LastFailure = reason;
            _retryMs = Never;
            _state = _network.IsUp ? ConnectionState.WifiUp : ConnectionState.WifiDown;

            if (reason == LinkFailure.NetworkDown)
            {
                // Not the broker's fault: no failover. The link-up event plans the next attempt.
                NextAttemptMs = Never;
                _nextNetworkRequestMs = nowMs;
            }
            else
            {
                NextAttemptMs = nowMs + NextDelay(reason, wasOnline);
            }

            if (wasOnline)
            {
                OfflineSinceMs = nowMs;
                _stats.LastDisconnect = reason;
                Notify(false, reason);
            }
        }

        /// <summary>Picks the next endpoint after a failed attempt and returns the delay before the next attempt.</summary>
        private long NextDelay(LinkFailure reason, bool wasOnline)
        {
            if (wasOnline)
            {
                _refusedInRound = 0;
                return Backoff.NextDelayAfterSessionLossMs();
            }

            // Refused costs the broker nothing (nobody listens): such retries keep to the window instead of
            // widening it. Everything else made a broker work, and backs off exponentially.
            bool refused = reason == LinkFailure.Refused;
            bool moveOnRefused = refused && _options.FailoverOnRefused;
            _endpointFailures++;
            int count = _options.Endpoints.Length;
            if ((_endpointFailures >= _options.FailoverAfterFailures || moveOnRefused) && count > 1)
            {
                CurrentEndpointIndex = (CurrentEndpointIndex + 1) % count;
                _endpointFailures = 0;
                _stats.Failovers++;
                // The spread was paid before the first refusal of this round: the other brokers are tried
                // within the base, and only a round refused by every one of them waits a window.
                if (moveOnRefused && ++_refusedInRound < count)
                {
                    return Backoff.NextDelayOnNextBrokerMs();
                }
            }

            _refusedInRound = 0;
            return refused ? Backoff.NextDelayAfterRefusalMs() : Backoff.NextDelayMs();
        }

        private void Deliver(LinkEvent e)
        {
            IMessageSink sink = MessageSink;
            if (sink == null)
            {
                return;
            }

            try
            {
                sink.OnMessage(e);
            }
            catch (Exception)
            {
                // A command handler's bug must not drop the connection; the sink reports its own errors.
            }
        }

        /// <summary>Tells the observers that the session went online (while it still is) or offline, and why.</summary>
        private void Notify(bool online, LinkFailure reason)
        {
            for (int i = 0; i < _observers.Count && (!online || _state == ConnectionState.Online); i++)
            {
                try
                {
                    ISessionObserver observer = (ISessionObserver)_observers[i];
                    if (online)
                    {
                        observer.OnOnline(SessionPresent);
                    }
                    else
                    {
                        observer.OnOffline(reason);
                    }
                }
                catch (Exception)
                {
                    // One faulty observer must not take the connection logic down with it.
                }
            }
        }

        /// <summary>The session is over: unconfirmed messages wait in the outbox again, and a pending reboot happens now.</summary>
        private void EnterStopped()
        {
            _state = ConnectionState.Stopped;
            _outbox.RequeueInFlight();
            _reboots.RebootIfPending(_clock.NowMs);
        }

        /// <summary>Connecting to Online: the states with a link to end (ConnectionState lists them in that order).</summary>
        private bool HasConnection()
        {
            return _state >= ConnectionState.Connecting && _state <= ConnectionState.Online;
        }

        private long NextWake(long nowMs)
        {
            long next = nowMs + (HasConnection() || _state == ConnectionState.ShuttingDown ? SupervisorOptions.EventPollMs : SupervisorOptions.NetworkPollMs);
            switch (_state)
            {
                case ConnectionState.WifiDown:
                    next = Earlier(next, _nextNetworkRequestMs);
                    break;
                case ConnectionState.WifiUp:
                    next = Earlier(next, NextAttemptMs);
                    break;
                case ConnectionState.Connecting:
                case ConnectionState.Connected:
                case ConnectionState.ShuttingDown:
                    next = Earlier(next, _deadlineMs);
                    break;
                case ConnectionState.Subscribed:
                    next = Earlier(Earlier(next, _deadlineMs), _retryMs);
                    break;
                case ConnectionState.Online:
                    long keepalive = _options.KeepAliveSeconds * 1000L;
                    if (keepalive > 0)
                    {
                        next = Earlier(Earlier(next, NextPingMs(keepalive)), _lastInboundMs + keepalive * 3 / 2);
                    }

                    if (!_stableReached)
                    {
                        next = Earlier(next, _onlineSinceMs + _options.Backoff.ResetAfterStableMs);
                    }

                    next = Earlier(next, _retryMs);
                    break;
            }

            if (_options.WatchdogMs > 0 && !_reboots.Pending && _state != ConnectionState.Online && _state != ConnectionState.Stopped)
            {
                next = Earlier(next, OfflineSinceMs + _options.WatchdogMs);
            }

            // Never "now": a deadline already due was handled in this step, so there is nothing to spin on.
            return next <= nowMs ? nowMs + 1 : next;
        }

        private static long Earlier(long a, long b)
        {
            return b < a ? b : a;
        }
    }
}
