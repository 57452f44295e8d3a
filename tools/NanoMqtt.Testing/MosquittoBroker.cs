using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NanoMqtt.Testing;

/// <summary>How a test's Mosquitto is configured. The defaults give an anonymous broker without persistence.</summary>
public sealed class MosquittoOptions
{
    public bool AllowAnonymous = true;

    /// <summary>Path of a Mosquitto password_file (it turns anonymous access off).</summary>
    public string PasswordFile;

    /// <summary>Path of a Mosquitto acl_file.</summary>
    public string AclFile;

    /// <summary>Keeps sessions and retained messages across a restart, in the broker's own folder.</summary>
    public bool Persistence;

    /// <summary>TLS listener instead of plain TCP: PEM paths of the CA, the server certificate and its key.</summary>
    public string CaFile;
    public string CertFile;
    public string KeyFile;

    /// <summary>Lines added verbatim to mosquitto.conf.</summary>
    public List<string> ExtraLines = new List<string>();
}

/// <summary>
/// A real Mosquitto for one test class: its own config file and folder, 127.0.0.1 and a free port. Start
/// waits until the port accepts connections. A missing Mosquitto throws with the install command: the
/// tests fail, they do not skip. Stop can be graceful (SIGTERM) or a kill -9; Start again reuses the
/// port, so clients reconnect to the same address (the fault suite restarts brokers this way).
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly MosquittoOptions _options;
    private Process _process;
    private readonly StringBuilder _log = new StringBuilder();

    private MosquittoBroker(MosquittoOptions options, int port)
    {
        _options = options;
        Port = port;
        Directory = Path.Combine(Path.GetTempPath(), "nanomqtt-mosquitto-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        ConfigFile = Path.Combine(Directory, "mosquitto.conf");
    }

    public string Host => "127.0.0.1";
    public int Port { get; }
    public string Directory { get; }
    public string ConfigFile { get; }

    /// <summary>host:port, as the CLI's --broker takes it.</summary>
    public string Endpoint => Host + ":" + Port;

    public bool IsRunning => _process != null && !_process.HasExited;

    /// <summary>What the broker wrote to stderr so far (to explain a failure).</summary>
    public string Log
    {
        get { lock (_log) { return _log.ToString(); } }
    }

    public static MosquittoBroker Start(MosquittoOptions options = null, int port = 0)
    {
        var broker = new MosquittoBroker(options ?? new MosquittoOptions(), port > 0 ? port : FreePort());
        broker.WriteConfig();
        broker.Launch();
        return broker;
    }

    /// <summary>The mosquitto binary: /usr/sbin/mosquitto, else `mosquitto` on PATH; throws when there is none.</summary>
    public static string FindExecutable()
    {
        foreach (string candidate in new[] { "/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/opt/homebrew/sbin/mosquitto" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        string found = FindOnPath("mosquitto");
        if (found != null)
        {
            return found;
        }

        throw new InvalidOperationException(
            "Mosquitto is not installed, and these integration tests need a real broker. Install it with " +
            "`sudo apt-get install -y mosquitto mosquitto-clients` (or `brew install mosquitto`) and run the tests again.");
    }

    public static string FindOnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            string path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }

            if (OperatingSystem.IsWindows() && File.Exists(path + ".exe"))
            {
                return path + ".exe";
            }
        }

        return null;
    }

    /// <summary>A port nobody listens on right now.</summary>
    public static int FreePort() => NanoMqtt.Simulation.LoopbackPorts.Free();

    /// <summary>Stops the broker: SIGTERM (it saves persistence and closes sessions) or a kill -9.</summary>
    public void Stop(bool kill = false)
    {
        Process p = _process;
        _process = null;
        if (p == null)
        {
            return;
        }

        try
        {
            if (!p.HasExited)
            {
                if (kill || OperatingSystem.IsWindows())
                {
                    p.Kill(entireProcessTree: true);
                }
                else
                {
                    using var term = Process.Start("kill", new[] { "-TERM", p.Id.ToString() });
                    term?.WaitForExit(2000);
                }

                if (!p.WaitForExit(5000))
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(2000);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            p.Dispose();
        }
    }

    /// <summary>Starts the broker again on the same port and config.</summary>
    public void Restart(bool kill = false)
    {
        Stop(kill);
        Launch();
    }

    public void Dispose()
    {
        Stop(kill: true);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void WriteConfig()
    {
        var c = new StringBuilder();
        c.AppendLine("# Written by NanoMqtt.Testing for one test run.");
        c.AppendLine("per_listener_settings false");
        if (!OperatingSystem.IsWindows() && Environment.UserName == "root")
        {
            // Run as root, Mosquitto switches to the `mosquitto` user, which cannot read this test's files.
            c.AppendLine("user root");
        }

        c.AppendLine("listener " + Port + " 127.0.0.1");
        if (_options.CertFile != null)
        {
            c.AppendLine("cafile " + _options.CaFile);
            c.AppendLine("certfile " + _options.CertFile);
            c.AppendLine("keyfile " + _options.KeyFile);
        }

        bool anonymous = _options.AllowAnonymous && _options.PasswordFile == null;
        c.AppendLine("allow_anonymous " + (anonymous ? "true" : "false"));
        if (_options.PasswordFile != null)
        {
            c.AppendLine("password_file " + _options.PasswordFile);
        }

        if (_options.AclFile != null)
        {
            c.AppendLine("acl_file " + _options.AclFile);
        }

        if (_options.Persistence)
        {
            c.AppendLine("persistence true");
            c.AppendLine("persistence_location " + Directory + Path.DirectorySeparatorChar);
            c.AppendLine("autosave_interval 1");
        }
        else
        {
            c.AppendLine("persistence false");
        }

        c.AppendLine("log_dest stderr");
        c.AppendLine("log_type error");
        c.AppendLine("log_type warning");
        c.AppendLine("log_type notice");
        foreach (string line in _options.ExtraLines)
        {
            c.AppendLine(line);
        }

        File.WriteAllText(ConfigFile, c.ToString());
    }

    private void Launch()
    {
        var psi = new ProcessStartInfo(FindExecutable())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(ConfigFile);
        var process = new Process { StartInfo = psi };
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        WaitUntilAccepting(TimeSpan.FromSeconds(10));
    }

    private void Append(string line)
    {
        if (line != null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private void WaitUntilAccepting(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("Mosquitto exited at start (code " + _process.ExitCode + "): " + Log.Trim());
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20); // polling a port that is not open yet: no event to await
            }
        }

        throw new TimeoutException("Mosquitto did not accept connections on port " + Port + " within " + timeout.TotalSeconds + " s: " + Log.Trim());
    }
}
