namespace NanoMqtt.NanoClr;

/// <summary>
/// device-tests/NanoMqtt.VirtualBoard built with the repository's nf.config and run once on nanoCLR, with the
/// "bench: key=value" and "board: key=value" figures it prints.
/// </summary>
public sealed class VirtualBoardRun
{
    private readonly Dictionary<string, long> _figures = new(StringComparer.Ordinal);

    private readonly string[] _assemblies;

    private VirtualBoardRun(NanoClrResult result, string[] assemblies)
    {
        Result = result;
        _assemblies = assemblies;
        foreach (string line in result.Lines.Where(l => l.StartsWith("board: ", StringComparison.Ordinal) || l.StartsWith("bench: ", StringComparison.Ordinal)))
        {
            foreach (string pair in line.Substring(7).Split(' '))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0 && long.TryParse(pair.AsSpan(eq + 1), out long value))
                {
                    _figures[pair.Substring(0, eq)] = value;
                }
            }
        }
    }

    public NanoClrResult Result { get; }

    /// <summary>Why the run cannot be trusted (a crash, a hang, an assembly that did not load), or null.</summary>
    public string Fault() => Result.Fault(_assemblies);

    public long this[string key] =>
        _figures.TryGetValue(key, out long value) ? value : throw new KeyNotFoundException($"the virtual board printed no {key}= (fault: {Fault() ?? "none"})");

    /// <summary>Builds the board into outDir (never inside the project folder) and runs it.</summary>
    public static VirtualBoardRun Start(NanoToolchain toolchain, string outDir)
    {
        string config = CompiledConfigSource.Write(Path.Combine(toolchain.RepoRoot, "nf.config"), Path.Combine(outDir, "CompiledConfig.g.cs"));
        var build = new NanoBuild(toolchain, outDir);
        build.Build(Path.Combine(toolchain.RepoRoot, "device-tests", "NanoMqtt.VirtualBoard", "NanoMqtt.VirtualBoard.nfproj"), new[] { config });
        var result = NanoClrProcess.Run(toolchain, build.LoadList("nanoFramework.Runtime.Native"), TimeSpan.FromMinutes(10));
        return new VirtualBoardRun(result, build.Built.Select(a => a.Name).ToArray());
    }
}
