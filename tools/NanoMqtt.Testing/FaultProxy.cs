using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace NanoMqtt.Testing;

/// <summary>What a <see cref="FaultProxy"/> blackhole does with the bytes it stops.</summary>
public enum BlackholeMode
{
    /// <summary>
    /// Bytes are lost and closes are not passed on (half-open links); when the blackhole ends, every link
    /// that lost bytes is closed, as a TCP stack resets it once retransmission gives up.
    /// </summary>
    Drop,

    /// <summary>
    /// Bytes are held (open links stall, new ones are accepted but reach the broker only at the end); when
    /// the blackhole ends the held bytes flow again, as TCP retransmission delivers them within its timeout.
    /// </summary>
    Hold
}

/// <summary>
/// An in-process TCP proxy between MQTT clients (the simulated devices) and a broker, on a free loopback
/// port, that injects network faults on command:
/// <list type="bullet">
/// <item><see cref="CutAll"/>: every open link is closed on both sides (the broker sees the client vanish
/// and publishes its will; the client sees its connection end).</item>
/// <item><see cref="StartBlackhole"/>: sockets stay open but nothing passes, either way, and a close on one
/// side is not passed to the other: a half-open link that only a keepalive can detect. New connections
/// are accepted and held silent too. <see cref="EndBlackhole"/> closes every link that lost bytes.
/// With <see cref="BlackholeMode.Hold"/> the bytes are held instead and flow again at the end.</item>
/// <item><see cref="LatencyMs"/> and <see cref="BandwidthBytesPerSecond"/>: delay and throttle each direction.</item>
/// <item><see cref="RefuseNew"/>: the proxy stops listening, so a new connection is refused by the TCP stack
/// (RST to the SYN, ECONNREFUSED at the client), as by a stopped broker; <see cref="ResetAll"/> resets the open ones.
/// <see cref="RefuseWhileUpstreamDown"/> does the same on its own while the broker refuses the proxy.</item>
/// </list>
/// It timestamps every connection it accepts, every CONNECT it forwards to a broker that accepted the TCP
/// connection and every successful CONNACK it passes back, so a test can state the peak reconnect rate
/// (<see cref="PeakPerSecond"/>) and when a fleet was all back.
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly int _backlog;
    private readonly object _listenGate = new object();
    private TcpListener _listener;
    private volatile bool _refuseNew;
    private volatile bool _upstreamDown;
    private int _watchingUpstream;
    private Task _upstreamCheck;
    private readonly ConcurrentDictionary<int, Link> _links = new ConcurrentDictionary<int, Link>();
    private readonly ConcurrentQueue<long> _attempts = new ConcurrentQueue<long>();
    private readonly ConcurrentQueue<long> _forwarded = new ConcurrentQueue<long>();
    private readonly ConcurrentQueue<long> _connAcks = new ConcurrentQueue<long>();
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private volatile bool _blackhole;
    // Completed while nothing is held; a Hold blackhole swaps in a pending one and completes it at the end.
    private volatile TaskCompletionSource _release = Released();
    private int _nextId;
    private long _refused;
    private long _upstreamFailures;
    private long _bytesUp;
    private long _bytesDown;
    private long _bytesBlackholed;

    private FaultProxy(string upstreamHost, int upstreamPort, int backlog)
    {
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        _backlog = backlog;
        _listener = Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync(_listener);
    }

    /// <summary>
    /// Listens on 127.0.0.1 and a free port and forwards to the broker at upstreamHost:upstreamPort.
    /// The backlog is the accept queue: a reconnect storm of many devices must not overflow it.
    /// </summary>
    public static FaultProxy Start(string upstreamHost, int upstreamPort, int backlog = 2048)
    {
        return new FaultProxy(upstreamHost, upstreamPort, backlog);
    }

    public string Host => "127.0.0.1";
    public int Port { get; }

    /// <summary>The proxy's monotonic time in ms (the time base of every timestamp it records).</summary>
    public static long NowMs => Clock.ElapsedMilliseconds;

    /// <summary>
    /// When true, the proxy does not listen: new connections are refused by the TCP stack (the broker is
    /// unreachable and says so), and one accepted just before is reset.
    /// </summary>
    public bool RefuseNew
    {
        get => _refuseNew;
        set
        {
            _refuseNew = value;
            UpdateListening();
        }
    }

    /// <summary>
    /// When true and the broker refuses the proxy's connection (checked at once when a broker side ends), the
    /// proxy stops listening until the broker accepts again (it checks every 20 ms), so clients see the refusal
    /// as they would without the proxy, instead of an accepted connection that is reset.
    /// </summary>
    public bool RefuseWhileUpstreamDown { get; set; }

    /// <summary>One-way delay added to every chunk, each direction.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Bytes per second per direction and link; 0 is unlimited.</summary>
    public int BandwidthBytesPerSecond { get; set; }

    public bool IsBlackholed => _blackhole || !_release.Task.IsCompleted;

    /// <summary>Links open now (both sockets still open).</summary>
    public int OpenLinks => _links.Count;

    /// <summary>TCP connections accepted so far (those the TCP stack refused while the proxy did not listen are not seen).</summary>
    public long Attempts => _attempts.Count;

    /// <summary>Connections accepted just before <see cref="RefuseNew"/> and reset (refused ones never reach the proxy).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Connections closed because the broker did not accept the proxy's own connection (it was down).</summary>
    public long UpstreamFailures => Interlocked.Read(ref _upstreamFailures);

    /// <summary>CONNECT packets passed to a broker so far.</summary>
    public long ConnectsForwarded => _forwarded.Count;

    public long BytesUp => Interlocked.Read(ref _bytesUp);
    public long BytesDown => Interlocked.Read(ref _bytesDown);
    public long BytesBlackholed => Interlocked.Read(ref _bytesBlackholed);

    /// <summary>When each connection attempt was accepted (<see cref="NowMs"/>), in order.</summary>
    public long[] AttemptTimes() => _attempts.ToArray();

    /// <summary>When each CONNECT reached the broker (<see cref="NowMs"/>), in order.</summary>
    public long[] ConnectTimes() => _forwarded.ToArray();

    /// <summary>When each CONNACK with a success code was passed back to a client (<see cref="NowMs"/>), in order.</summary>
    public long[] ConnAckTimes() => _connAcks.ToArray();

    /// <summary>The most events in any window of one second within [fromMs, toMs].</summary>
    public static int PeakPerSecond(IEnumerable<long> times, long fromMs = long.MinValue, long toMs = long.MaxValue)
    {
        long[] t = times.Where(x => x >= fromMs && x <= toMs).OrderBy(x => x).ToArray();
        int peak = 0;
        int start = 0;
        for (int end = 0; end < t.Length; end++)
        {
            while (t[end] - t[start] >= 1000)
            {
                start++;
            }

            peak = Math.Max(peak, end - start + 1);
        }

        return peak;
    }

    /// <summary>Closes both sides of every open link; returns how many links there were.</summary>
    public int CutAll() => CloseAll(reset: false);

    /// <summary>Resets both sides of every open link (RST, as a stopped broker or a refusing host); returns how many.</summary>
    public int ResetAll() => CloseAll(reset: true);

    private int CloseAll(bool reset)
    {
        int n = 0;
        foreach (Link link in _links.Values)
        {
            link.Close(reset);
            n++;
        }

        return n;
    }

    /// <summary>
    /// From now on nothing passes on any link, old or new. <see cref="BlackholeMode.Drop"/> (the default) loses
    /// the bytes and passes no close on; <see cref="BlackholeMode.Hold"/> holds them until <see cref="EndBlackhole"/>.
    /// </summary>
    public void StartBlackhole(BlackholeMode mode = BlackholeMode.Drop)
    {
        if (mode == BlackholeMode.Hold)
        {
            if (_release.Task.IsCompleted)
            {
                _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return;
        }

        _blackhole = true;
        foreach (Link link in _links.Values)
        {
            link.Blackholed = true;
        }
    }

    /// <summary>
    /// Traffic passes again on new links, and held bytes flow. Links that lived through a Drop blackhole lost
    /// bytes, so their streams are broken: they are closed (a real TCP stack resets them once retransmission gives up).
    /// </summary>
    public void EndBlackhole()
    {
        _release.TrySetResult();
        _blackhole = false;
        foreach (Link link in _links.Values)
        {
            if (link.Blackholed)
            {
                link.Close(reset: true);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _release.TrySetResult();
        UpdateListening();

        foreach (Link link in _links.Values)
        {
            link.Close(reset: true);
        }
    }

    private static TaskCompletionSource Released()
    {
        var t = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        t.SetResult();
        return t;
    }

    private TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        // The port is listened on again after a refusal; connections of the last listener may be in TIME_WAIT.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(_backlog);
        return listener;
    }

    /// <summary>Listens when nothing says to refuse, and stops listening (the stack then refuses) when something does.</summary>
    private void UpdateListening()
    {
        lock (_listenGate)
        {
            bool listen = !_refuseNew && !_upstreamDown && !_stop.IsCancellationRequested;
            if (listen && _listener == null)
            {
                _listener = Listen(Port);
                _ = AcceptLoopAsync(_listener);
            }
            else if (!listen && _listener != null)
            {
                try
                {
                    _listener.Stop();
                }
                catch (SocketException)
                {
                }

                _listener = null;
            }
        }
    }

    /// <summary>With <see cref="RefuseWhileUpstreamDown"/>, one connect to the broker; refused, the proxy stops listening until it is back.</summary>
    private Task CheckUpstreamAsync()
    {
        if (!RefuseWhileUpstreamDown || _upstreamDown || _stop.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        lock (_listenGate)
        {
            if (_upstreamCheck == null || _upstreamCheck.IsCompleted)
            {
                _upstreamCheck = CheckUpstreamOnceAsync();
            }

            return _upstreamCheck;
        }
    }

    private async Task CheckUpstreamOnceAsync()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await probe.ConnectAsync(_upstreamHost, _upstreamPort, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            UpstreamRefused();
        }
    }

    private void UpstreamRefused()
    {
        if (RefuseWhileUpstreamDown && !_stop.IsCancellationRequested)
        {
            _upstreamDown = true;
            UpdateListening();
            _ = WatchUpstreamAsync();
        }
    }

    private async Task WatchUpstreamAsync()
    {
        if (Interlocked.Exchange(ref _watchingUpstream, 1) == 1)
        {
            return;
        }

        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await probe.ConnectAsync(_upstreamHost, _upstreamPort, _stop.Token).ConfigureAwait(false);
                    break;
                }
                catch (Exception)
                {
                    await Task.Delay(20).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _upstreamDown = false;
            Volatile.Write(ref _watchingUpstream, 0);
            UpdateListening();
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (!ReferenceEquals(Volatile.Read(ref _listener), listener))
            {
                // Stopped to refuse: a new listener takes over when listening resumes.
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _attempts.Enqueue(NowMs);
            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(Socket client)
    {
        client.NoDelay = true;
        if (RefuseNew)
        {
            Interlocked.Increment(ref _refused);
            Reset(client);
            return;
        }

        var link = new Link(this, Interlocked.Increment(ref _nextId), client);
        _links[link.Id] = link;
        if (_blackhole)
        {
            // Accepted, but the packets go nowhere: the client's CONNECT is never answered.
            link.Blackholed = true;
            _ = link.PumpAsync(client, null, up: true);
            return;
        }

        if (!_release.Task.IsCompleted)
        {
            // Held: accepted, but the connection reaches the broker only when the blackhole ends.
            await _release.Task.ConfigureAwait(false);
            if (RefuseNew || _stop.IsCancellationRequested)
            {
                link.Close(reset: true);
                return;
            }
        }

        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await upstream.ConnectAsync(_upstreamHost, _upstreamPort, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The broker is down: the client sees its connection reset, as if the broker had refused it.
            Interlocked.Increment(ref _upstreamFailures);
            upstream.Dispose();
            link.Close(reset: true);
            UpstreamRefused();
            return;
        }

        if (!link.Attach(upstream))
        {
            return;
        }

        _ = link.PumpAsync(client, upstream, up: true);
        _ = link.PumpAsync(upstream, client, up: false);
    }

    private static void Reset(Socket s)
    {
        try
        {
            s.LingerState = new LingerOption(true, 0);
            s.Close();
        }
        catch (Exception)
        {
        }
    }

    private sealed class Link
    {
        private readonly FaultProxy _proxy;
        private readonly Socket _client;
        private readonly object _gate = new object();
        private Socket _upstream;
        private bool _closed;
        private bool _sawFirstByteUp;
        private bool _sawFirstByteDown;

        public Link(FaultProxy proxy, int id, Socket client)
        {
            _proxy = proxy;
            Id = id;
            _client = client;
        }

        public int Id { get; }

        /// <summary>Set once bytes may have been lost on this link: it never carries traffic again.</summary>
        public volatile bool Blackholed;

        public bool Attach(Socket upstream)
        {
            lock (_gate)
            {
                if (_closed)
                {
                    upstream.Dispose();
                    return false;
                }

                _upstream = upstream;
                return true;
            }
        }

        public void Close(bool reset)
        {
            Socket upstream;
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }

                _closed = true;
                upstream = _upstream;
            }

            _proxy._links.TryRemove(Id, out _);
            CloseSocket(_client, reset);
            if (upstream != null)
            {
                CloseSocket(upstream, reset);
            }
        }

        private static void CloseSocket(Socket s, bool reset)
        {
            try
            {
                if (reset)
                {
                    s.LingerState = new LingerOption(true, 0);
                }
                else
                {
                    s.Shutdown(SocketShutdown.Both);
                }
            }
            catch (Exception)
            {
            }

            try
            {
                s.Close();
            }
            catch (Exception)
            {
            }
        }

        /// <summary>Reads from one side and writes to the other (or to nowhere, while blackholed).</summary>
        public async Task PumpAsync(Socket from, Socket to, bool up)
        {
            var chunks = Channel.CreateUnbounded<(long Due, byte[] Data)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            Task writer = to == null ? Task.CompletedTask : WriteAsync(chunks.Reader, to, up);
            byte[] buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    int n;
                    try
                    {
                        n = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        n = 0;
                    }

                    if (n == 0)
                    {
                        if (Blackholed)
                        {
                            // Half-open: the other side never hears of this close. Keep its socket open
                            // until the blackhole ends (or the other side gives up by itself).
                            return;
                        }

                        break;
                    }

                    if (!_proxy._release.Task.IsCompleted)
                    {
                        // Held: these bytes (and, as nothing more is read, all behind them) wait for the end.
                        await _proxy._release.Task.ConfigureAwait(false);
                    }

                    if (Blackholed)
                    {
                        Interlocked.Add(ref _proxy._bytesBlackholed, n);
                        continue;
                    }

                    if (up && !_sawFirstByteUp)
                    {
                        _sawFirstByteUp = true;
                        // MQTT's first packet from a client is CONNECT (fixed header 0x10).
                        if (buffer[0] == 0x10)
                        {
                            _proxy._forwarded.Enqueue(NowMs);
                        }
                    }
                    else if (!up && !_sawFirstByteDown)
                    {
                        _sawFirstByteDown = true;
                        // The broker's first packet is CONNACK (0x20); its code (byte 3, under 3.1.1 and 5 alike) 0 is success.
                        if (n >= 4 && buffer[0] == 0x20 && buffer[3] == 0)
                        {
                            _proxy._connAcks.Enqueue(NowMs);
                        }
                    }

                    int latency = _proxy.LatencyMs;
                    chunks.Writer.TryWrite((latency > 0 ? NowMs + latency : 0, buffer.AsSpan(0, n).ToArray()));
                }
            }
            finally
            {
                chunks.Writer.TryComplete();
            }

            await writer.ConfigureAwait(false);
            if (!up)
            {
                // The broker's side ended: if it is gone, refuse before the client hears of the close and retries.
                await _proxy.CheckUpstreamAsync().ConfigureAwait(false);
            }

            Close(reset: false);
        }

        private async Task WriteAsync(ChannelReader<(long Due, byte[] Data)> chunks, Socket to, bool up)
        {
            try
            {
                await foreach ((long due, byte[] data) in chunks.ReadAllAsync().ConfigureAwait(false))
                {
                    long wait = due - NowMs;
                    if (wait > 0)
                    {
                        await Task.Delay((int)wait).ConfigureAwait(false);
                    }

                    if (Blackholed)
                    {
                        Interlocked.Add(ref _proxy._bytesBlackholed, data.Length);
                        continue;
                    }

                    int rate = _proxy.BandwidthBytesPerSecond;
                    int offset = 0;
                    while (offset < data.Length)
                    {
                        // Throttled: slices of at most 1/20 s worth of bytes, each followed by its share of time.
                        int slice = rate > 0 ? Math.Max(1, Math.Min(data.Length - offset, rate / 20)) : data.Length - offset;
                        int sent = await to.SendAsync(data.AsMemory(offset, slice), SocketFlags.None).ConfigureAwait(false);
                        offset += sent;
                        if (up)
                        {
                            Interlocked.Add(ref _proxy._bytesUp, sent);
                        }
                        else
                        {
                            Interlocked.Add(ref _proxy._bytesDown, sent);
                        }

                        if (rate > 0)
                        {
                            await Task.Delay(Math.Max(1, sent * 1000 / rate)).ConfigureAwait(false);
                        }
                    }
                }
            }
            catch (Exception)
            {
                Close(reset: true);
            }
        }
    }
}
