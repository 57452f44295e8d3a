using System.Runtime.InteropServices;

namespace NanoMqtt.Bench.Harness;

/// <summary>
/// The open-file limit (`ulimit -n`). Every simulated device holds a socket in this process and one in
/// Mosquitto (which inherits this process's limit), so 10,000 devices need well over 10,000 descriptors.
/// The soft limit can be raised up to the hard one from inside the process; the hard one only from outside.
/// </summary>
public static class FileLimit
{
    private const int RlimitNofile = 7; // Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetRLimit(int resource, ref RLimit limit);

    /// <summary>(soft, hard), or (-1, -1) where unknown (not Linux).</summary>
    public static (long Soft, long Hard) Get()
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RlimitNofile, out RLimit l) != 0)
        {
            return (-1, -1);
        }

        return (Clamp(l.Current), Clamp(l.Max));
    }

    /// <summary>Raises the soft limit towards wanted (at most the hard limit). Returns the soft limit now.</summary>
    public static long RaiseTo(long wanted)
    {
        (long soft, long hard) = Get();
        if (soft < 0 || soft >= wanted)
        {
            return soft;
        }

        long target = hard < 0 ? wanted : Math.Min(wanted, hard);
        var limit = new RLimit { Current = (ulong)target, Max = (ulong)hard };
        return SetRLimit(RlimitNofile, ref limit) == 0 ? target : soft;
    }

    public const string HowToRaise =
        "raise the hard limit before starting the runner: `ulimit -Hn 65536; ulimit -n 65536` in a root shell " +
        "(or `LimitNOFILE=65536` in a systemd unit, `nofile` in /etc/security/limits.conf, `--ulimit nofile=65536:65536` for docker). " +
        "The runner raises its soft limit to the hard one itself; the Mosquitto it starts inherits that limit and is given `max_connections -1`.";

    private static long Clamp(ulong v) => v > long.MaxValue ? long.MaxValue : (long)v;
}
