using System.Diagnostics;

namespace NanoMqtt.NanoClr;

/// <summary>What one nanoCLR process printed and how it ended.</summary>
public sealed record NanoClrResult(string Output, int ExitCode, bool TimedOut, TimeSpan Elapsed)
{
    public string[] Lines => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>
    /// Why the run cannot be trusted, or null: a hang, a crash (the harness always exits 0 on its own), an
    /// assembly that did not load or resolve, or an exception nothing caught.
    /// </summary>
    public string Fault(IEnumerable<string> expectedAssemblies = null)
    {
        if (TimedOut)
        {
            return $"nanoCLR did not finish within {Elapsed.TotalSeconds:0} s (killed)";
        }

        if (ExitCode != 0)
        {
            return $"nanoCLR exited with code {ExitCode}" + (ExitCode > 128 ? $" (signal {ExitCode - 128}, a crash)" : string.Empty) + Tail();
        }

        string bad = Lines.FirstOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal)
            || l.Contains("Invalid native checksum", StringComparison.Ordinal)
            || l.Contains("Cannot find", StringComparison.Ordinal)
            || l.Contains("Unhandled exception", StringComparison.Ordinal)
            || l.StartsWith("Link failure", StringComparison.Ordinal));
        if (bad != null)
        {
            return "nanoCLR: " + bad.Trim();
        }

        if (!Lines.Any(l => l == "Ready."))
        {
            return "nanoCLR never got ready (no \"Ready.\" line)" + Tail();
        }

        // An assembly over the string table's limit loads under a garbled name and silently runs nothing.
        var loaded = Lines.Select(l => l.Trim()).Where(l => l.StartsWith("Assembly: ", StringComparison.Ordinal))
            .Select(l => l.Substring(10).Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        string absent = (expectedAssemblies ?? Array.Empty<string>()).FirstOrDefault(a => !loaded.Contains(a));
        return absent == null ? null : $"nanoCLR did not load an assembly named {absent} (loaded: {string.Join(", ", loaded)})";
    }

    private string Tail() => ": " + string.Join(" | ", Lines.Where(l => l.Length > 0).TakeLast(3));
}

/// <summary>Runs .pe files on nanoCLR, with a time limit.</summary>
public static class NanoClrProcess
{
    public static NanoClrResult Run(NanoToolchain toolchain, IEnumerable<string> peFiles, TimeSpan timeout, IDictionary<string, string> environment = null)
    {
        var start = new ProcessStartInfo(toolchain.NanoClr)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string pe in peFiles)
        {
            // The harness crashes on a path it cannot open, so a missing file is caught here.
            if (!File.Exists(pe))
            {
                throw new NanoToolchainException(pe + ": no such .pe file");
            }

            start.ArgumentList.Add(pe);
        }

        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new NanoToolchainException("cannot start " + toolchain.NanoClr);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited = process.WaitForExit((int)timeout.TotalMilliseconds);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.WaitForExit(); // drains the asynchronous readers
        lock (output)
        {
            return new NanoClrResult(output.ToString(), exited ? process.ExitCode : -1, !exited, watch.Elapsed);
        }
    }
}
