using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using NanoMqtt.Core.Connection;

namespace NanoMqtt.Simulation;

/// <summary>Options of <see cref="MqttnetLink"/>; the defaults suit a simulated device.</summary>
public sealed class MqttnetLinkOptions
{
    /// <summary>PEM file of the CA that signs the broker's certificate; null trusts the system's store.</summary>
    public string CaFile;

    /// <summary>Name checked against the broker's certificate; null uses the host of the request.</summary>
    public string TlsTargetHost;

    /// <summary>A connect attempt that has not finished by then is reported as <see cref="LinkFailure.Timeout"/>.</summary>
    public int ConnectTimeoutMs = 10_000;

    /// <summary>How long a QoS 1 publish or a ping waits for its answer before MQTTnet gives up.</summary>
    public int CommunicationTimeoutMs = 10_000;

    /// <summary>QoS 1 messages waiting for PUBACK; beyond it Publish returns -1 (the link's buffer is full).</summary>
    public int MaxInFlight = 1000;
}

/// <summary>
/// The core's <see cref="IMqttLink"/> over MQTTnet 5. Every call returns at once; outcomes are queued as
/// <see cref="LinkEvent"/>s for <see cref="Poll"/>, and <see cref="EventQueued"/> tells the host to step
/// the device. Like the device's M2Mqtt link, each connect attempt uses a fresh client, and events from a
/// client that was replaced, disconnected or aborted are dropped, so the core never sees stale outcomes.
/// </summary>
public sealed class MqttnetLink : IMqttLink, IDisposable
{
    /// <summary>Longest wait for the PUBACK (or PUBCOMP) of one message.</summary>
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(30);

    private static readonly MqttClientFactory Factory = new MqttClientFactory();

    private readonly MqttnetLinkOptions _options;
    private readonly ConcurrentQueue<LinkEvent> _events = new ConcurrentQueue<LinkEvent>();
    private readonly object _gate = new object();
    private readonly X509Certificate2Collection _ca;
    private readonly List<Task> _closing = new List<Task>();

    // Requests of the current client still waiting for their answer (PUBACK, SUBACK, PINGRESP).
    private readonly List<Task> _pending = new List<Task>();

    private IMqttClient _client;
    private int _generation;
    private bool _connected;
    private int _protocolVersion = 3;
    private int _maxPayloadBytes;
    private int _inFlight;
    private int _lastPacketId;

    public MqttnetLink(MqttnetLinkOptions options = null)
    {
        _options = options ?? new MqttnetLinkOptions();
        if (_options.CaFile != null)
        {
            _ca = new X509Certificate2Collection();
            _ca.ImportFromPemFile(_options.CaFile);
        }
    }

    /// <summary>Called (on a network thread) after an event was queued: the host wakes the device.</summary>
    public Action EventQueued { get; set; }

    /// <summary>True between a Connected event and the end of that connection.</summary>
    public bool IsConnected
    {
        get { lock (_gate) { return _connected; } }
    }

    /// <summary>The reason text of the last failed attempt (socket, TLS or CONNACK), for people, not for logic.</summary>
    public string LastFailureDetail { get; private set; }

    public long ConnectAttempts => Interlocked.Read(ref _connectAttempts);
    private long _connectAttempts;

    public void BeginConnect(ConnectRequest request)
    {
        IMqttClient client;
        int generation;
        lock (_gate)
        {
            DropClientLocked(clean: false);
            client = Factory.CreateMqttClient();
            generation = ++_generation;
            _client = client;
            _protocolVersion = request.ProtocolVersion == 5 ? 5 : 3;
            _maxPayloadBytes = request.MaxPacketBytes;
        }

        Interlocked.Increment(ref _connectAttempts);
        client.ApplicationMessageReceivedAsync += e => OnMessage(generation, e);
        client.DisconnectedAsync += e => OnDisconnected(generation, e);

        MqttClientOptions options;
        try
        {
            options = BuildOptions(request);
        }
        catch (Exception ex)
        {
            // A request MQTTnet refuses (an empty host, a bad client id) is a config problem, not a crash.
            LastFailureDetail = ex.Message;
            Enqueue(generation, new LinkEvent(LinkEventKind.ConnectFailed) { Failure = LinkFailure.ProtocolError });
            return;
        }

        // Task.Run: DNS and the TCP/TLS handshake must never run on the step thread.
        _ = Task.Run(() => ConnectAsync(client, generation, options, request.UseTls, !string.IsNullOrEmpty(request.Username)));
    }

    private async Task ConnectAsync(IMqttClient client, int generation, MqttClientOptions options, bool tls, bool sentCredentials)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeoutMs);
        try
        {
            MqttClientConnectResult result = await client.ConnectAsync(options, timeout.Token).ConfigureAwait(false);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                lock (_gate)
                {
                    if (generation != _generation)
                    {
                        return;
                    }

                    _connected = true;
                    _inFlight = 0;
                }

                Enqueue(generation, new LinkEvent(LinkEventKind.Connected) { SessionPresent = result.IsSessionPresent });
                return;
            }

            LastFailureDetail = "broker refused: " + result.ResultCode + (string.IsNullOrEmpty(result.ReasonString) ? "" : " (" + result.ReasonString + ")");
            Enqueue(generation, new LinkEvent(LinkEventKind.ConnectFailed) { Failure = MqttFailures.FromConnAck(result.ResultCode, sentCredentials) });
        }
        catch (Exception ex)
        {
            LastFailureDetail = MqttFailures.Describe(ex);
            Enqueue(generation, new LinkEvent(LinkEventKind.ConnectFailed)
            {
                Failure = MqttFailures.FromException(ex, timeout.IsCancellationRequested, tls)
            });
        }
    }

    private MqttClientOptions BuildOptions(ConnectRequest r)
    {
        var b = new MqttClientOptionsBuilder()
            .WithTcpServer(r.Host, r.Port)
            .WithClientId(r.ClientId)
            .WithProtocolVersion(r.ProtocolVersion == 5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(r.KeepAliveSeconds < 0 ? 0 : r.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromMilliseconds(_options.CommunicationTimeoutMs))
            .WithCleanSession(r.CleanSession);
        if (r.ProtocolVersion == 5 && r.SessionExpirySeconds > 0)
        {
            b.WithSessionExpiryInterval((uint)r.SessionExpirySeconds);
        }

        if (r.ProtocolVersion == 5 && r.MaxPacketBytes > 0)
        {
            // As the device: the broker drops a larger message instead of sending it.
            b.WithMaximumPacketSize((uint)r.MaxPacketBytes);
        }

        if (!string.IsNullOrEmpty(r.Username))
        {
            b.WithCredentials(r.Username, r.Password ?? "");
        }

        if (!string.IsNullOrEmpty(r.WillTopic))
        {
            b.WithWillTopic(r.WillTopic)
                .WithWillPayload(r.WillPayload ?? Array.Empty<byte>())
                .WithWillRetain(r.WillRetain)
                .WithWillQualityOfServiceLevel((MqttQualityOfServiceLevel)Math.Clamp(r.WillQos, 0, 2));
        }

        if (r.UseTls)
        {
            string target = _options.TlsTargetHost ?? r.Host;
            X509Certificate2Collection ca = _ca;
            b.WithTlsOptions(o =>
            {
                o.UseTls(true).WithTargetHost(target);
                if (ca != null)
                {
                    o.WithCertificateValidationHandler(args => TrustedByCa(args, ca));
                }
            });
        }

        return b.Build();
    }

    /// <summary>The broker's certificate must chain to the given CA, be in date and name the host.</summary>
    public static bool TrustedByCa(MqttClientCertificateValidationEventArgs args, X509Certificate2Collection ca)
    {
        if ((args.SslPolicyErrors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (args.Chain != null)
        {
            foreach (X509ChainElement element in args.Chain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(args.Certificate);
        return chain.Build(leaf);
    }

    public bool Subscribe(string[] topics, int[] qos)
    {
        IMqttClient client;
        int generation;
        lock (_gate)
        {
            if (!_connected || topics == null || topics.Length == 0)
            {
                return false;
            }

            client = _client;
            generation = _generation;
        }

        var b = new MqttClientSubscribeOptionsBuilder();
        for (int i = 0; i < topics.Length; i++)
        {
            int q = qos != null && i < qos.Length ? qos[i] : 0;
            b.WithTopicFilter(f => f.WithTopic(topics[i]).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)Math.Clamp(q, 0, 2)));
        }

        Task task;
        try
        {
            task = client.SubscribeAsync(b.Build(), CancellationToken.None);
        }
        catch (Exception)
        {
            return false;
        }

        Track(generation, task);
        task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                Enqueue(generation, new LinkEvent(LinkEventKind.Subscribed));
            }
        }, TaskContinuationOptions.ExecuteSynchronously);
        return true;
    }

    public int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, byte[] correlationData)
    {
        IMqttClient client;
        int generation;
        int packetId = 0;
        bool v5;
        lock (_gate)
        {
            if (!_connected)
            {
                return -1;
            }

            if (qos > 0)
            {
                if (_inFlight >= _options.MaxInFlight)
                {
                    return -1;
                }

                _inFlight++;
                _lastPacketId = _lastPacketId >= 65535 ? 1 : _lastPacketId + 1;
                packetId = _lastPacketId;
            }

            client = _client;
            generation = _generation;
            v5 = _protocolVersion == 5;
        }

        var b = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload == null ? Array.Empty<byte>() : payload.AsSpan(offset, count).ToArray()) // sent later: the outbox's records move
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)Math.Clamp(qos, 0, 2))
            .WithRetainFlag(retain);
        if (v5 && correlationData != null)
        {
            // MQTTnet refuses MQTT 5 properties on a 3.1.1 connection, so they are sent only under 5.
            b.WithCorrelationData(correlationData);
        }

        Task<MqttClientPublishResult> task;
        try
        {
            // Called in order from the step thread; MQTTnet serialises sends in call order, so the outbox's
            // drain order is the order on the wire.
            // QoS 1/2 waits for its acknowledgement at most AckTimeout: a broker that never completes the
            // handshake (RabbitMQ answers a QoS 2 PUBLISH with PUBACK) must not hold an in-flight slot for
            // ever. The message stays unacknowledged in the core's outbox and goes again after reconnect.
            if (packetId == 0)
            {
                task = client.PublishAsync(b.Build(), CancellationToken.None);
            }
            else
            {
                // Disposed when the publish ends, or its timer would keep it (and the message) alive for 30 s.
                var timeout = new CancellationTokenSource(AckTimeout);
                task = client.PublishAsync(b.Build(), timeout.Token);
                _ = task.ContinueWith(_ => timeout.Dispose(), TaskContinuationOptions.ExecuteSynchronously);
            }
        }
        catch (Exception)
        {
            if (packetId != 0)
            {
                lock (_gate)
                {
                    if (generation == _generation)
                    {
                        _inFlight--;
                    }
                }
            }

            return -1;
        }

        if (packetId == 0)
        {
            _ = task.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            return 0;
        }

        int id = packetId;
        Track(generation, task);
        task.ContinueWith(t =>
        {
            lock (_gate)
            {
                if (generation != _generation)
                {
                    return;
                }

                _inFlight--;
            }

            // Any PUBACK ends the packet, whatever its reason code (a v5 broker answers NotAuthorized to a
            // publish its ACL denies): resending it would not help.
            if (t.IsCompletedSuccessfully)
            {
                Enqueue(generation, new LinkEvent(LinkEventKind.PublishAcked) { PacketId = id });
            }
        }, TaskContinuationOptions.ExecuteSynchronously);
        return packetId;
    }

    public void Ping()
    {
        IMqttClient client;
        int generation;
        lock (_gate)
        {
            if (!_connected)
            {
                return;
            }

            client = _client;
            generation = _generation;
        }

        Task task;
        try
        {
            task = client.PingAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            return;
        }

        Track(generation, task);
        task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                Enqueue(generation, new LinkEvent(LinkEventKind.Pong));
            }
        }, TaskContinuationOptions.ExecuteSynchronously);
    }

    public void Disconnect()
    {
        lock (_gate)
        {
            DropClientLocked(clean: true);
        }
    }

    public void Abort()
    {
        lock (_gate)
        {
            DropClientLocked(clean: false);
        }
    }

    /// <summary>Completes when every clean disconnect started so far has been sent (or failed).</summary>
    public Task WhenClosedAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_closing.ToArray());
        }
    }

    public LinkEvent Poll()
    {
        return _events.TryDequeue(out LinkEvent e) ? e : null;
    }

    public void Dispose()
    {
        Abort();
    }

    private void DropClientLocked(bool clean)
    {
        IMqttClient client = _client;
        bool wasConnected = _connected;
        _client = null;
        _connected = false;
        _inFlight = 0;
        _generation++;
        if (client == null)
        {
            return;
        }

        Task answers = Task.WhenAll(_pending.ToArray());
        _pending.Clear();
        if (clean && wasConnected)
        {
            // DISCONNECT goes after the messages already handed to MQTTnet (the `offline` status first).
            _closing.RemoveAll(t => t.IsCompleted);
            _closing.Add(CloseCleanlyAsync(client, answers));
        }
        else
        {
            // Dispose closes the socket without DISCONNECT, so the broker publishes the will.
            client.Dispose();
        }
    }

    private static async Task CloseCleanlyAsync(IMqttClient client, Task answers)
    {
        try
        {
            // Let outstanding acknowledgements arrive first: an answer that reaches a closed socket makes
            // the kernel reset the connection, and a reset can discard the DISCONNECT at the broker, which
            // then publishes the will although we left cleanly.
            await Task.WhenAny(answers, Task.Delay(2000)).ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(5000);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already gone: nothing left to close cleanly.
        }
        finally
        {
            client.Dispose();
        }
    }

    private void Track(int generation, Task task)
    {
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }

            if (_pending.Count > 64)
            {
                _pending.RemoveAll(t => t.IsCompleted);
            }

            _pending.Add(task.ContinueWith(_ => { }, TaskContinuationOptions.ExecuteSynchronously));
        }
    }

    private Task OnMessage(int generation, MqttApplicationMessageReceivedEventArgs e)
    {
        MqttApplicationMessage m = e.ApplicationMessage;
        int max = Volatile.Read(ref _maxPayloadBytes);
        bool oversize = max > 0 && m.Payload.Length > max;
        Enqueue(generation, new LinkEvent(LinkEventKind.MessageReceived)
        {
            Topic = m.Topic,
            // As the device: an oversize payload goes on by its length only, never copied.
            Payload = oversize ? null : m.Payload.ToArray(),
            OversizeBytes = oversize ? (int)m.Payload.Length : 0,
            Retain = m.Retain,
            ResponseTopic = m.ResponseTopic,
            CorrelationData = m.CorrelationData
        });
        return Task.CompletedTask;
    }

    private Task OnDisconnected(int generation, MqttClientDisconnectedEventArgs e)
    {
        if (!e.ClientWasConnected)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (generation != _generation)
            {
                return Task.CompletedTask;
            }

            _connected = false;
            _inFlight = 0;
        }

        LastFailureDetail = e.Exception != null ? MqttFailures.Describe(e.Exception) : e.Reason.ToString();
        Enqueue(generation, new LinkEvent(LinkEventKind.ConnectionLost) { Failure = MqttFailures.FromDisconnect(e) });
        return Task.CompletedTask;
    }

    private void Enqueue(int generation, LinkEvent e)
    {
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }

            _events.Enqueue(e);
        }

        EventQueued?.Invoke();
    }
}
