using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace NanoMqtt.Bench.Harness;

/// <summary>The machine a figure was measured on: cores, memory, CPU model, OS, runtime, date.</summary>
public sealed class Machine
{
    public int Cores { get; init; }
    public long MemoryGiB { get; init; }
    public string CpuModel { get; init; }
    public string Os { get; init; }
    public string Runtime { get; init; }
    public DateTime DateUtc { get; init; }

    public static Machine Describe()
    {
        return new Machine
        {
            Cores = Environment.ProcessorCount,
            MemoryGiB = TotalMemoryGiB(),
            CpuModel = CpuModelName(),
            Os = RuntimeInformation.OSDescription,
            Runtime = RuntimeInformation.FrameworkDescription,
            DateUtc = DateTime.UtcNow
        };
    }

    /// <summary>One line for a report: `nproc` 2, `free -g` 23 GiB, AMD EPYC, Linux..., .NET 10, 2026-11-25 14:34 UTC.</summary>
    public override string ToString()
    {
        return "nproc " + Cores + ", " + MemoryGiB + " GiB RAM (free -g total), CPU " + CpuModel + ", " + Os + ", " + Runtime
            + ", " + DateUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
    }

    private static string CpuModelName()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static long TotalMemoryGiB()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                {
                    // `free -g` truncates kB / 2^20, so do the same.
                    long kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                    return kb / (1024 * 1024);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 30;
    }
}

/// <summary>CPU time and resident memory of a process (this one, or Mosquitto by pid) from /proc.</summary>
public static class ProcStat
{
    /// <summary>Resident set size in bytes, or -1.</summary>
    public static long RssBytes(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/" + pid + "/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }

    /// <summary>User + system CPU time in ms, or -1.</summary>
    public static long CpuMs(int pid)
    {
        try
        {
            string stat = File.ReadAllText("/proc/" + pid + "/stat");
            // Fields after the command name (which may hold spaces) start after the last ')'.
            string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
            return ticks * 1000 / 100; // USER_HZ is 100 on Linux
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException)
        {
            return -1;
        }
    }

    /// <summary>The pid of the process whose command line contains the text (Mosquitto by its config path), or -1.</summary>
    public static int FindByCommandLine(string text)
    {
        try
        {
            foreach (string dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out int pid))
                {
                    continue;
                }

                try
                {
                    string cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                    if (cmd.Contains(text, StringComparison.Ordinal))
                    {
                        return pid;
                    }
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }

    public static int Self => Environment.ProcessId;

    /// <summary>Runs a command and returns its stdout (trimmed), or null.</summary>
    public static string Run(string file, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in args)
            {
                psi.ArgumentList.Add(a);
            }

            using Process p = Process.Start(psi);
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit(10000);
            return output.Trim();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
