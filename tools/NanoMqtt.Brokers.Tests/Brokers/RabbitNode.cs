using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NanoMqtt.Testing;

namespace NanoMqtt.Brokers.Tests.Brokers;

/// <summary>RabbitMQ is not installed or does not start here: the tests that need it fail with this reason.</summary>
public sealed class RabbitMqUnavailableException : Exception
{
    public RabbitMqUnavailableException(string message) : base(message)
    {
    }
}

/// <summary>Where RabbitMQ's scripts are. The Debian wrappers in /usr/sbin switch to the `rabbitmq` user and drop the environment, so the real scripts are used.</summary>
public static class RabbitMqInstall
{
    public const string InstallHint =
        "install it with `.ci/install-brokers` (Debian: `apt-get install -y rabbitmq-server` and `rabbitmq-plugins --offline enable rabbitmq_mqtt`)";

    /// <summary>The folder holding rabbitmq-server and rabbitmqctl; throws <see cref="RabbitMqUnavailableException"/> when there is none.</summary>
    public static string BinDir()
    {
        string fromEnv = Environment.GetEnvironmentVariable("NANOMQTT_RABBITMQ_BIN");
        foreach (string dir in new[] { fromEnv, "/usr/lib/rabbitmq/bin", "/usr/local/opt/rabbitmq/sbin", "/opt/homebrew/opt/rabbitmq/sbin" })
        {
            if (!string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, "rabbitmq-server")) && File.Exists(Path.Combine(dir, "rabbitmqctl")))
            {
                return dir;
            }
        }

        throw new RabbitMqUnavailableException("RabbitMQ is not installed (no rabbitmq-server in /usr/lib/rabbitmq/bin or $NANOMQTT_RABBITMQ_BIN): " + InstallHint);
    }

    /// <summary>The epmd binary, to stop the private epmd the nodes started.</summary>
    public static string Epmd()
    {
        return NanoMqtt.Testing.MosquittoBroker.FindOnPath("epmd");
    }
}

/// <summary>What a cluster (or a single node) shares: a private HOME with the Erlang cookie, a private epmd port, one temp folder.</summary>
public sealed class RabbitEnvironment : IDisposable
{
    public RabbitEnvironment(string label)
    {
        BinDir = RabbitMqInstall.BinDir();
        BaseDir = Path.Combine(Path.GetTempPath(), "nanomqtt-rabbit-" + label + "-" + Guid.NewGuid().ToString("N")[..8]);
        Home = Path.Combine(BaseDir, "home");
        Directory.CreateDirectory(Home);
        // Nodes and the CLI authenticate to each other with this cookie; mode 400 or Erlang refuses it.
        string cookie = Path.Combine(Home, ".erlang.cookie");
        File.WriteAllText(cookie, "NANOMQTT" + Guid.NewGuid().ToString("N").ToUpperInvariant());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }
        EpmdPort = RabbitNode.FreePort();
        File.WriteAllText(Path.Combine(BaseDir, "enabled_plugins"), "[rabbitmq_mqtt].\n");
        File.WriteAllText(Path.Combine(BaseDir, "rabbitmq-env.conf"), "# empty: keeps /etc/rabbitmq/rabbitmq-env.conf out of the test nodes\n");
    }

    public string BinDir { get; }
    public string BaseDir { get; }
    public string Home { get; }
    public int EpmdPort { get; }

    public void Dispose()
    {
        // The first node started an epmd on our private port; it outlives the nodes unless told to stop.
        string epmd = RabbitMqInstall.Epmd();
        if (epmd != null)
        {
            try
            {
                var psi = new ProcessStartInfo(epmd) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                psi.ArgumentList.Add("-port");
                psi.ArgumentList.Add(EpmdPort.ToString());
                psi.ArgumentList.Add("-kill");
                psi.Environment["ERL_EPMD_PORT"] = EpmdPort.ToString();
                using Process p = Process.Start(psi);
                p?.WaitForExit(5000);
            }
            catch (Exception)
            {
                // Best effort: a leftover epmd on a random port harms nobody.
            }
        }

        if (Environment.GetEnvironmentVariable("NANOMQTT_KEEP_RABBIT_DIRS") == "1")
        {
            return; // to read the nodes' logs after a run
        }

        try
        {
            Directory.Delete(BaseDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The outcome of one rabbitmqctl call.</summary>
public sealed record CtlResult(int ExitCode, string Output)
{
    public bool Ok => ExitCode == 0;
}

/// <summary>
/// One RabbitMQ node for the tests: its own name, ports (MQTT, AMQP, distribution), data and log folders
/// and config file, on 127.0.0.1. Started by running rabbitmq-server in the foreground with that
/// environment, stopped with `rabbitmqctl stop`.
/// </summary>
public sealed class RabbitNode : IDisposable
{
    private readonly RabbitEnvironment _env;
    private readonly LinkedList<string> _console = new LinkedList<string>();
    private Process _process;

    public RabbitNode(RabbitEnvironment env, string shortName, IEnumerable<string> extraConfig = null)
    {
        _env = env;
        ShortName = shortName;
        NodeName = shortName + "@localhost";
        Dir = Path.Combine(env.BaseDir, shortName);
        Directory.CreateDirectory(Dir);
        MqttPort = FreePort();
        AmqpPort = FreePort();
        do
        {
            DistPort = FreePort();
        }
        while (DistPort >= 35600 && DistPort <= 35700); // the CLI's own distribution ports (35672..35682)

        var conf = new StringBuilder();
        conf.AppendLine("# Written by NanoMqtt.Brokers.Tests for one test run.");
        conf.AppendLine("listeners.tcp.default = 127.0.0.1:" + AmqpPort);
        conf.AppendLine("mqtt.listeners.tcp.default = 127.0.0.1:" + MqttPort);
        conf.AppendLine("mqtt.allow_anonymous = true");
        conf.AppendLine("loopback_users = none");
        foreach (string line in extraConfig ?? Array.Empty<string>())
        {
            conf.AppendLine(line);
        }

        File.WriteAllText(ConfigFile, conf.ToString());
    }

    public string ShortName { get; }
    public string NodeName { get; }
    public string Dir { get; }
    public int MqttPort { get; }
    public int AmqpPort { get; }
    public int DistPort { get; }
    public string ConfigFile => Path.Combine(Dir, "rabbitmq.conf");
    public string LogFile => Path.Combine(Dir, "log", NodeName + ".log");
    public bool IsRunning => _process != null && !_process.HasExited;

    /// <summary>How long the last start took, until `await_startup` said yes and the MQTT port accepted.</summary>
    public TimeSpan LastStartTime { get; private set; }

    /// <summary>Starts the node and waits until it runs and its MQTT listener accepts; throws with the node's output otherwise.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        Launch();
        await WaitReadyAsync(timeout).ConfigureAwait(false);
        LastStartTime = watch.Elapsed;
    }

    /// <summary>Starts the node's process (rabbitmq-server in the foreground) and returns at once.</summary>
    public void Launch()
    {
        var psi = new ProcessStartInfo(Path.Combine(_env.BinDir, "rabbitmq-server"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Dir
        };
        SetEnvironment(psi);
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception ex)
        {
            throw new RabbitMqUnavailableException("rabbitmq-server could not be started: " + ex.Message);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Waits until `rabbitmqctl await_startup` says the node runs and its MQTT listener accepts.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            Process process = _process;
            if (process == null || process.HasExited)
            {
                throw new RabbitMqUnavailableException(NodeName + " exited at start (code " + (process == null ? "?" : process.ExitCode.ToString()) + "): " + Diagnostics());
            }

            // await_startup fails at once while the node is not registered yet, so it is asked again.
            CtlResult ready = await CtlAsync(TimeSpan.FromSeconds(30), "await_startup", "--timeout", "10").ConfigureAwait(false);
            if (ready.Ok && AcceptsMqtt)
            {
                return;
            }

            if (watch.Elapsed > timeout)
            {
                throw new RabbitMqUnavailableException(NodeName + " did not start within " + timeout.TotalSeconds + " s: " + ready.Output + "\n" + Diagnostics());
            }

            await Task.Delay(500).ConfigureAwait(false); // nothing to await: the node says nothing when it is up
        }
    }

    /// <summary>True when the node's MQTT port takes a TCP connection now.</summary>
    public bool AcceptsMqtt => Accepts(MqttPort);

    /// <summary>`rabbitmqctl -n node args...`, with this node's environment.</summary>
    public Task<CtlResult> CtlAsync(params string[] args) => CtlAsync(TimeSpan.FromSeconds(120), args);

    public async Task<CtlResult> CtlAsync(TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(_env.BinDir, "rabbitmqctl"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Dir
        };
        psi.ArgumentList.Add("-n");
        psi.ArgumentList.Add(NodeName);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        SetEnvironment(psi);
        using var p = new Process { StartInfo = psi };
        p.Start();
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            return new CtlResult(-1, "rabbitmqctl " + string.Join(' ', args) + " timed out after " + timeout.TotalSeconds + " s");
        }

        return new CtlResult(p.ExitCode, (await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false)).Trim());
    }

    /// <summary>A clean stop (`rabbitmqctl stop`): connections are closed, mirrors promoted; waits until the process is gone.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var watch = Stopwatch.StartNew();
        Process p = _process;
        if (p == null)
        {
            return TimeSpan.Zero;
        }

        CtlResult stop = await CtlAsync(TimeSpan.FromSeconds(60), "stop").ConfigureAwait(false);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new InvalidOperationException(NodeName + " did not stop within 60 s after `rabbitmqctl stop` (" + stop.Output + "); killed it");
        }

        _process = null;
        p.Dispose();
        return watch.Elapsed;
    }

    /// <summary>kill -9 of the node (and its children); only for clean-up after a failure.</summary>
    public void Kill()
    {
        Process p = _process;
        _process = null;
        if (p == null)
        {
            return;
        }

        ChildProcess.Kill(p, 10000);
        p.Dispose();
    }

    public void Dispose()
    {
        // A node still booting (its MQTT listener closed) may hold `stop` until its boot ends: killed instead.
        if (IsRunning && AcceptsMqtt)
        {
            try
            {
                StopAsync().Wait(TimeSpan.FromSeconds(90));
            }
            catch (Exception)
            {
                Kill();
            }
        }

        Kill();
    }

    /// <summary>The last lines of the node's console and log file, to explain a failure.</summary>
    public string Diagnostics()
    {
        var s = new StringBuilder();
        lock (_console)
        {
            foreach (string line in _console)
            {
                s.AppendLine(line);
            }
        }

        try
        {
            if (File.Exists(LogFile))
            {
                string[] log = File.ReadAllLines(LogFile);
                s.AppendLine("--- " + LogFile + " (last 40 lines)");
                foreach (string line in log.Skip(Math.Max(0, log.Length - 40)))
                {
                    s.AppendLine(line);
                }
            }
        }
        catch (IOException)
        {
        }

        return s.ToString();
    }

    public static int FreePort() => NanoMqtt.Simulation.LoopbackPorts.Free();

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void SetEnvironment(ProcessStartInfo psi)
    {
        psi.Environment["HOME"] = _env.Home;
        psi.Environment["RABBITMQ_NODENAME"] = NodeName;
        psi.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        psi.Environment["RABBITMQ_NODE_PORT"] = AmqpPort.ToString();
        psi.Environment["RABBITMQ_DIST_PORT"] = DistPort.ToString();
        psi.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(Dir, "mnesia");
        psi.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(Dir, "log");
        psi.Environment["RABBITMQ_CONFIG_FILE"] = ConfigFile;
        psi.Environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(Dir, "advanced.config");
        psi.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_env.BaseDir, "enabled_plugins");
        psi.Environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_env.BaseDir, "rabbitmq-env.conf");
        psi.Environment["RABBITMQ_PID_FILE"] = Path.Combine(Dir, "pid");
        // Distribution on loopback too, and a private epmd, so that nothing here meets a system RabbitMQ.
        psi.Environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        psi.Environment["ERL_EPMD_PORT"] = _env.EpmdPort.ToString();
        psi.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
    }

    private void Keep(string line)
    {
        if (line == null)
        {
            return;
        }

        lock (_console)
        {
            _console.AddLast(line);
            if (_console.Count > 60)
            {
                _console.RemoveFirst();
            }
        }
    }
}
