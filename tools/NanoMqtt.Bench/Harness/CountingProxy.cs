using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NanoMqtt.Bench.Harness;

/// <summary>How a <see cref="CountingProxy"/> cuts the link.</summary>
public enum CutMode
{
    /// <summary>
    /// The broker is unreachable and says so at once: every open connection is reset, and every new one is
    /// reset right after accept (as a host that answers SYN with RST, or a stopped broker). Clients fail fast.
    /// </summary>
    Refuse,

    /// <summary>
    /// Packets vanish (an access point gone, a cable pulled upstream): open connections stall, new ones are
    /// accepted but go nowhere. Nothing is reset; at restore the held bytes flow again, as TCP would
    /// retransmit them. Clients notice only through their own timeouts (keepalive, connect timeout).
    /// </summary>
    Blackhole
}

/// <summary>
/// A TCP proxy between MQTT clients and a broker, on a free loopback port, that can cut the link and
/// counts what crosses it: TCP connection attempts, CONNECT packets forwarded, and successful CONNACKs,
/// each with a <see cref="BenchClock"/> timestamp, for the recovery and reconnect-storm figures.
/// NanoMqtt.Testing.FaultProxy (which appeared later) models a blackhole that loses bytes and closes the
/// links it held; this one resumes them, as TCP retransmission does within its timeout, and it also counts
/// successful CONNACKs, which the storm's "all back" needs.
/// </summary>
public sealed class CountingProxy : IDisposable
{
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly TcpListener _listener;
    private readonly ConcurrentDictionary<int, Pair> _pairs = new ConcurrentDictionary<int, Pair>();
    private readonly ConcurrentQueue<long> _accepts = new ConcurrentQueue<long>();
    private readonly ConcurrentQueue<long> _connects = new ConcurrentQueue<long>();
    private readonly ConcurrentQueue<long> _connAcks = new ConcurrentQueue<long>();
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private volatile TaskCompletionSource _open = Opened();
    private volatile bool _refusing;
    private int _nextId;
    private long _bytesUp;
    private long _bytesDown;

    public CountingProxy(string upstreamHost, int upstreamPort)
    {
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        // A reconnect storm of thousands of clients must not overflow the accept queue.
        _listener.Start(4096);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    public string Host => "127.0.0.1";

    public bool IsCut => _refusing || !_open.Task.IsCompleted;

    /// <summary>Connections open now (client side accepted and upstream connected).</summary>
    public int OpenConnections => _pairs.Count;

    /// <summary>TCP connection attempts accepted (also during a cut), by time.</summary>
    public long[] AcceptTimes => _accepts.ToArray();

    /// <summary>CONNECT packets forwarded to the broker, by time.</summary>
    public long[] ConnectTimes => _connects.ToArray();

    /// <summary>CONNACKs with a success code passed back to a client, by time.</summary>
    public long[] ConnAckTimes => _connAcks.ToArray();

    /// <summary>Bytes from the clients to the broker.</summary>
    public long BytesUp => Interlocked.Read(ref _bytesUp);

    public long BytesDown => Interlocked.Read(ref _bytesDown);

    /// <summary>Cuts the link (see <see cref="CutMode"/>). Idempotent until <see cref="Restore"/>.</summary>
    public void Cut(CutMode mode)
    {
        if (mode == CutMode.Refuse)
        {
            _refusing = true;
            foreach (Pair p in _pairs.Values)
            {
                p.Reset();
            }
        }
        else if (_open.Task.IsCompleted)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The link is back: new connections go through and held bytes flow.</summary>
    public void Restore()
    {
        _refusing = false;
        _open.TrySetResult();
    }

    /// <summary>Resets every open connection once, without cutting (a broker that dropped everyone).</summary>
    public void ResetAll()
    {
        foreach (Pair p in _pairs.Values)
        {
            p.Reset();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _open.TrySetResult();
        _listener.Stop();
        foreach (Pair p in _pairs.Values)
        {
            p.Reset();
        }
    }

    private static TaskCompletionSource Opened()
    {
        var t = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        t.SetResult();
        return t;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _accepts.Enqueue(BenchClock.Ms);
            if (_refusing)
            {
                ResetSocket(client);
                continue;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        client.NoDelay = true;
        // A blackholed attempt waits here, accepted but going nowhere, until the link is back.
        await _open.Task.ConfigureAwait(false);
        if (_refusing || _stop.IsCancellationRequested)
        {
            ResetSocket(client);
            return;
        }

        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await upstream.ConnectAsync(_upstreamHost, _upstreamPort, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Broker down (restarting): the client sees its connection reset, as it would see a refusal.
            upstream.Dispose();
            ResetSocket(client);
            return;
        }

        var pair = new Pair(Interlocked.Increment(ref _nextId), client, upstream);
        _pairs[pair.Id] = pair;
        try
        {
            await Task.WhenAny(PumpAsync(pair, client, upstream, up: true), PumpAsync(pair, upstream, client, up: false)).ConfigureAwait(false);
        }
        finally
        {
            _pairs.TryRemove(pair.Id, out _);
            pair.Close();
        }
    }

    private async Task PumpAsync(Pair pair, Socket from, Socket to, bool up)
    {
        byte[] buffer = new byte[16 * 1024];
        bool first = true;
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                if (!_open.Task.IsCompleted)
                {
                    // Blackholed: hold these bytes (and, by not reading on, everything behind them) until restore.
                    await _open.Task.ConfigureAwait(false);
                }

                if (pair.IsReset)
                {
                    return;
                }

                if (first)
                {
                    first = false;
                    // The first packet each way is CONNECT (0x10) and CONNACK (0x20, code 0 = accepted); the
                    // code is byte 3 under 3.1.1 (return code) and 5 (reason code) alike.
                    if (up && (buffer[0] & 0xF0) == 0x10)
                    {
                        _connects.Enqueue(BenchClock.Ms);
                    }
                    else if (!up && n >= 4 && buffer[0] == 0x20 && buffer[3] == 0)
                    {
                        _connAcks.Enqueue(BenchClock.Ms);
                    }
                }

                Interlocked.Add(ref up ? ref _bytesUp : ref _bytesDown, n);
                int sent = 0;
                while (sent < n)
                {
                    sent += await to.SendAsync(new ArraySegment<byte>(buffer, sent, n - sent), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception)
        {
            // Reset, closed or stopped: the pair ends.
        }
    }

    private static void ResetSocket(Socket s)
    {
        try
        {
            // Linger 0: close with RST, as a refusing host or a killed broker does.
            s.LingerState = new LingerOption(true, 0);
            s.Close();
        }
        catch (Exception)
        {
        }
    }

    private sealed class Pair
    {
        private int _reset;

        public Pair(int id, Socket client, Socket upstream)
        {
            Id = id;
            Client = client;
            Upstream = upstream;
        }

        public int Id { get; }
        public Socket Client { get; }
        public Socket Upstream { get; }
        public bool IsReset => Volatile.Read(ref _reset) != 0;

        public void Reset()
        {
            if (Interlocked.Exchange(ref _reset, 1) == 0)
            {
                ResetSocket(Client);
                ResetSocket(Upstream);
            }
        }

        public void Close()
        {
            if (Interlocked.Exchange(ref _reset, 1) == 0)
            {
                try { Client.Shutdown(SocketShutdown.Both); } catch (Exception) { }
                try { Upstream.Shutdown(SocketShutdown.Both); } catch (Exception) { }
                Client.Dispose();
                Upstream.Dispose();
            }
        }
    }
}
