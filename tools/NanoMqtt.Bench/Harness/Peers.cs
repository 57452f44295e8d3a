using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using NanoMqtt.Testing;

namespace NanoMqtt.Bench.Harness;

/// <summary>
/// The mqtt.js peer (peers/peer.js): N clients in one Node process. The runner installs mqtt.js into the
/// peers folder with `npm ci` on first use (node_modules is never committed).
/// </summary>
public sealed class NodePeer : IDisposable
{
    private static readonly object InstallGate = new object();
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _errors = new List<string>();

    private NodePeer(Process process)
    {
        _process = process;
    }

    /// <summary>Null when node and mqtt.js are ready to run, else why the peer cannot run.</summary>
    public static string EnsureInstalled(TextWriter log)
    {
        lock (InstallGate)
        {
            string node = MosquittoBroker.FindOnPath("node");
            if (node == null)
            {
                return "node is not installed (install Node.js 18+ to run the mqtt.js peer)";
            }

            string dir = RepoPaths.Peers;
            if (File.Exists(Path.Combine(dir, "node_modules", "mqtt", "package.json")))
            {
                return null;
            }

            string npm = MosquittoBroker.FindOnPath("npm");
            if (npm == null)
            {
                return "npm is not installed (needed once to install mqtt.js into " + dir + ")";
            }

            bool locked = File.Exists(Path.Combine(dir, "package-lock.json"));
            log?.WriteLine("installing mqtt.js for the peer: npm " + (locked ? "ci" : "install") + " in " + dir);
            var psi = new ProcessStartInfo(npm) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(locked ? "ci" : "install");
            psi.ArgumentList.Add("--no-audit");
            psi.ArgumentList.Add("--no-fund");
            using Process p = Process.Start(psi);
            Task<string> err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(180_000))
            {
                p.Kill(true);
                return "npm timed out installing mqtt.js";
            }

            return p.ExitCode == 0 ? null : "npm failed (" + p.ExitCode + "): " + err.Result.Trim().Split('\n').LastOrDefault();
        }
    }

    /// <summary>
    /// Starts N mqtt.js clients publishing on {prefix}/jsN/telemetry every intervalMs (0: never) and a birth
    /// on {prefix}/jsN/status at each connect. reconnectMs null keeps mqtt.js's default (1000 ms, fixed).
    /// </summary>
    public static NodePeer Start(string host, int port, int clients, string prefix, int intervalMs, int? reconnectMs = null)
    {
        var psi = new ProcessStartInfo(MosquittoBroker.FindOnPath("node"))
        {
            WorkingDirectory = RepoPaths.Peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false
        };
        psi.ArgumentList.Add("peer.js");
        foreach (string a in new[] { "--url", "mqtt://" + host + ":" + port, "--clients", clients.ToString(), "--prefix", prefix, "--interval", intervalMs.ToString(), "--quiet" })
        {
            psi.ArgumentList.Add(a);
        }

        if (reconnectMs.HasValue)
        {
            psi.ArgumentList.Add("--reconnect");
            psi.ArgumentList.Add(reconnectMs.Value.ToString());
        }

        var peer = new NodePeer(new Process { StartInfo = psi });
        peer._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data != null && e.Data.StartsWith("ready ", StringComparison.Ordinal))
            {
                peer._ready.TrySetResult();
            }
        };
        peer._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                lock (peer._errors)
                {
                    peer._errors.Add(e.Data);
                }
            }
        };
        peer._process.Start();
        peer._process.BeginOutputReadLine();
        peer._process.BeginErrorReadLine();
        return peer;
    }

    public int Pid => _process.Id;

    /// <summary>Waits until every client has connected once.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        Task done = await Task.WhenAny(_ready.Task, _process.WaitForExitAsync(), Task.Delay(timeout)).ConfigureAwait(false);
        if (done != _ready.Task)
        {
            string err;
            lock (_errors)
            {
                err = string.Join(" / ", _errors.TakeLast(5));
            }

            throw new TimeoutException("the mqtt.js peer did not connect all its clients within " + timeout.TotalSeconds + " s" + (_process.HasExited ? " (exited " + _process.ExitCode + ")" : "") + ": " + err);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(3000))
                {
                    _process.Kill(true);
                    _process.WaitForExit(2000);
                }
            }
        }
        catch (Exception)
        {
        }

        _process.Dispose();
    }
}

/// <summary>
/// MQTTnet's client as an application would use it without a supervisor: a plain loop that, every
/// reconnectMs, connects when not connected and publishes one telemetry message (QoS 1) when connected.
/// </summary>
public sealed class MqttnetLoopPeer : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly Task _loop;
    private long _attempts;

    public MqttnetLoopPeer(string host, int port, string topic, int periodMs = 1000)
    {
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId("bench-mqttnet-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        _loop = Task.Run(() => RunAsync(options, topic, periodMs));
    }

    public long ConnectAttempts => Interlocked.Read(ref _attempts);

    public bool IsConnected => _client.IsConnected;

    private async Task RunAsync(MqttClientOptions options, string topic, int periodMs)
    {
        long seq = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    Interlocked.Increment(ref _attempts);
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    timeout.CancelAfter(10_000);
                    await _client.ConnectAsync(options, timeout.Token).ConfigureAwait(false);
                }

                seq++;
                var m = new MqttApplicationMessageBuilder().WithTopic(topic)
                    .WithPayload("{\"v\":21.37,\"seq\":" + seq + "}")
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                using var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                publishTimeout.CancelAfter(10_000);
                await _client.PublishAsync(m, publishTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Refused, reset or timed out: try again on the next turn of the loop.
            }

            try
            {
                await Task.Delay(periodMs, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception)
        {
        }

        _client.Dispose();
    }
}

/// <summary>
/// `mosquitto_pub -l`: publishes each stdin line; the runner writes one line per second. libmosquitto
/// reconnects on its own in this mode (its fixed reconnect delay), which is what this peer measures.
/// </summary>
public sealed class MosquittoPubPeer : IDisposable
{
    private readonly Process _process;
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();

    private MosquittoPubPeer(Process process)
    {
        _process = process;
    }

    public static string Find() => MosquittoBroker.FindOnPath("mosquitto_pub");

    public bool HasExited => _process.HasExited;

    public static MosquittoPubPeer Start(string host, int port, string topic, int periodMs = 1000)
    {
        var psi = new ProcessStartInfo(Find())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false
        };
        foreach (string a in new[] { "-h", host, "-p", port.ToString(), "-t", topic, "-q", "1", "-l", "-i", "bench-mospub-" + Guid.NewGuid().ToString("N")[..6] })
        {
            psi.ArgumentList.Add(a);
        }

        var peer = new MosquittoPubPeer(Process.Start(psi));
        peer._process.OutputDataReceived += (_, _) => { };
        peer._process.ErrorDataReceived += (_, _) => { };
        peer._process.BeginOutputReadLine();
        peer._process.BeginErrorReadLine();
        _ = peer.FeedAsync(periodMs);
        return peer;
    }

    private async Task FeedAsync(int periodMs)
    {
        long seq = 0;
        try
        {
            while (!_stop.IsCancellationRequested && !_process.HasExited)
            {
                seq++;
                await _process.StandardInput.WriteLineAsync("{\"v\":21.37,\"seq\":" + seq + "}").ConfigureAwait(false);
                await _process.StandardInput.FlushAsync().ConfigureAwait(false);
                await Task.Delay(periodMs, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Stopped, or mosquitto_pub exited (it does not reconnect after some failures): the report says so.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        ChildProcess.Kill(_process, 2000);

        _process.Dispose();
    }
}
