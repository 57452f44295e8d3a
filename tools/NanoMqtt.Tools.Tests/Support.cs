using System.Text;
using NanoMqtt.Core.Connection;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;
using NanoMqtt.Tools;

namespace NanoMqtt.Tools.Tests;

/// <summary>One anonymous Mosquitto per test class (xUnit class fixture).</summary>
public sealed class MosquittoFixture : IDisposable
{
    public MosquittoFixture()
    {
        Broker = MosquittoBroker.Start();
    }

    public MosquittoBroker Broker { get; }

    public void Dispose() => Broker.Dispose();
}

/// <summary>What one in-process run of `nanomqtt` returned and printed.</summary>
public sealed class CliRun
{
    public int ExitCode;
    public string Out;
    public string Err;

    public override string ToString() => "exit " + ExitCode + "\nstdout:\n" + Out + "\nstderr:\n" + Err;
}

/// <summary>Runs `nanomqtt` in-process with captured output.</summary>
public sealed class CliHarness
{
    private readonly StringBuilder _out = new StringBuilder();
    private readonly StringBuilder _err = new StringBuilder();

    public CliHarness()
    {
        Env = new CliEnv(TextWriter.Synchronized(new StringWriter(_out)), TextWriter.Synchronized(new StringWriter(_err)), interactive: false);
    }

    public CliEnv Env { get; }

    public string OutSoFar
    {
        get { lock (Env.Out) { return _out.ToString(); } }
    }

    public async Task<CliRun> RunAsync(CancellationToken ct, params string[] args)
    {
        int code = await Cli.RunAsync(args, Env, ct);
        Env.Out.Flush();
        Env.Err.Flush();
        return new CliRun { ExitCode = code, Out = _out.ToString(), Err = _err.ToString() };
    }

    public static Task<CliRun> Run(params string[] args) => new CliHarness().RunAsync(CancellationToken.None, args);

    /// <summary>Waits until the output contains the text (a live command is ready), without a fixed sleep.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!OutSoFar.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("no '" + text + "' in the output: " + OutSoFar);
            }

            await Task.Delay(20);
        }
    }
}

/// <summary>Awaits a link's events as they are queued (no polling sleeps).</summary>
public sealed class LinkEvents
{
    private readonly MqttnetLink _link;
    private readonly SemaphoreSlim _queued = new SemaphoreSlim(0);

    public LinkEvents(MqttnetLink link)
    {
        _link = link;
        link.EventQueued = () => _queued.Release();
    }

    public async Task<LinkEvent> NextAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            LinkEvent e = _link.Poll();
            if (e != null)
            {
                return e;
            }

            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _queued.WaitAsync(left))
            {
                throw new TimeoutException("no link event within " + timeout);
            }
        }
    }

    /// <summary>The next event of this kind; events of other kinds stay queued for later calls (events race).</summary>
    public async Task<LinkEvent> NextAsync(LinkEventKind kind, TimeSpan timeout)
    {
        int index = _backlog.FindIndex(e => e.Kind == kind);
        if (index >= 0)
        {
            LinkEvent found = _backlog[index];
            _backlog.RemoveAt(index);
            return found;
        }

        while (true)
        {
            LinkEvent e = await NextAsync(timeout);
            if (e.Kind == kind)
            {
                return e;
            }

            _backlog.Add(e);
        }
    }

    private readonly List<LinkEvent> _backlog = new List<LinkEvent>();
}

public static class Req
{
    public static ConnectRequest To(MosquittoBroker broker, string clientId, string user = null, string password = null, int protocol = 3)
    {
        return new ConnectRequest
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = clientId,
            Username = user,
            Password = password,
            ProtocolVersion = protocol,
            KeepAliveSeconds = 30,
            WillTopic = "nanomqtt/" + clientId + "/status",
            WillPayload = Encoding.UTF8.GetBytes("offline"),
            WillRetain = true,
            WillQos = 1
        };
    }
}
