using System.Diagnostics;
using System.Text;

namespace NanoMqtt.Tools;

/// <summary>Finding and running the external tools nanomqtt drives (nanoff, mosquitto_passwd).</summary>
public static class Tooling
{
    public static string FindOnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            foreach (string candidate in OperatingSystem.IsWindows() ? new[] { name + ".exe", name + ".cmd", name } : new[] { name })
            {
                string path = Path.Combine(dir, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>nanoff on PATH, or where `dotnet tool install -g` puts it.</summary>
    public static string FindNanoff()
    {
        string found = FindOnPath("nanoff");
        if (found != null)
        {
            return found;
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string global = Path.Combine(home, ".dotnet", "tools", OperatingSystem.IsWindows() ? "nanoff.exe" : "nanoff");
        return File.Exists(global) ? global : null;
    }

    public static string FindMosquittoPasswd()
    {
        return FindOnPath("mosquitto_passwd") ?? (File.Exists("/usr/bin/mosquitto_passwd") ? "/usr/bin/mosquitto_passwd" : null);
    }

    /// <summary>Runs a tool to completion; its output streams through to ours when <paramref name="echo"/> is set.</summary>
    public static int Run(string exe, IReadOnlyList<string> args, TextWriter echo, out string output)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var captured = new StringBuilder();
        using var p = new Process { StartInfo = psi };
        DataReceivedEventHandler sink = (_, e) =>
        {
            if (e.Data == null)
            {
                return;
            }

            lock (captured)
            {
                captured.AppendLine(e.Data);
                echo?.WriteLine(e.Data);
            }
        };
        p.OutputDataReceived += sink;
        p.ErrorDataReceived += sink;
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        p.WaitForExit();
        output = captured.ToString();
        return p.ExitCode;
    }

    /// <summary>An argument as a POSIX shell (or cmd) would need it quoted, for printing exact command lines.</summary>
    public static string Quote(string arg)
    {
        if (arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=,@+%\\".Contains(c)))
        {
            return arg;
        }

        return OperatingSystem.IsWindows() ? "\"" + arg.Replace("\"", "\\\"") + "\"" : "'" + arg.Replace("'", "'\\''") + "'";
    }

    public static string CommandLine(string exe, IEnumerable<string> args)
    {
        return string.Join(" ", new[] { Quote(exe) }.Concat(args.Select(Quote)));
    }
}
