using System.Diagnostics;

namespace NanoMqtt.NanoClr;

/// <summary>An assembly built for nanoFramework: its .dll and the .pe that nanoCLR loads.</summary>
public sealed record NanoAssembly(string Name, string Dll, string Pe);

/// <summary>
/// Builds .nfproj projects for nanoCLR: the C# compiler of the .NET SDK with the project's own compile list
/// against nanoFramework's mscorlib, then the real MetadataProcessor. Referenced projects are built first.
/// </summary>
public sealed class NanoBuild
{
    // Visual Studio's nanoFramework project system uses the newest C# when a project names none.
    private const string DefaultLangVersion = "12.0";

    private readonly NanoToolchain _toolchain;
    private readonly string _outDir;
    private readonly List<NanoAssembly> _built = new();

    public NanoBuild(NanoToolchain toolchain, string outDir)
    {
        _toolchain = toolchain;
        _outDir = outDir;
        Directory.CreateDirectory(outDir);
    }

    /// <summary>Every assembly built so far, each after those it depends on.</summary>
    public IReadOnlyList<NanoAssembly> Built => _built;

    /// <summary>
    /// Builds the project (and what it references) and returns its assembly. extraSources are compiled into
    /// this project only: files an MSBuild target of the project generates, which this build does not run.
    /// </summary>
    public NanoAssembly Build(string nfprojPath, IReadOnlyList<string> extraSources = null)
    {
        var project = NfProject.Load(nfprojPath);
        var existing = _built.FirstOrDefault(a => a.Name == project.AssemblyName && a.Dll.StartsWith(_outDir, StringComparison.Ordinal));
        if (existing != null)
        {
            return existing;
        }

        var references = new List<string>();
        foreach (string reference in project.ProjectReferences)
        {
            references.Add(Build(reference).Dll);
        }

        foreach (string name in project.References)
        {
            if (name == "nanoFramework.UnitTestLauncher")
            {
                continue; // a test project lists the launcher for Visual Studio's deployment; nothing calls it
            }

            if (!_toolchain.Ships(name))
            {
                throw new NanoToolchainException($"{project.Path}: references {name}, which the nanoCLR toolchain does not ship");
            }

            references.Add(_toolchain.Library(name, ".dll"));
        }

        string dll = Path.Combine(_outDir, project.AssemblyName + (project.IsExe ? ".exe" : ".dll"));
        Compile(project, references, dll, extraSources ?? Array.Empty<string>());
        string pe = Path.Combine(_outDir, project.AssemblyName + ".pe");
        Convert(dll, pe, references);
        var built = new NanoAssembly(project.AssemblyName, dll, pe);
        _built.Add(built);
        return built;
    }

    /// <summary>The .pe files to load for the built assemblies, after mscorlib and the given toolchain libraries.</summary>
    public string[] LoadList(params string[] toolchainLibraries) =>
        new[] { _toolchain.Library("mscorlib", ".pe") }
            .Concat(toolchainLibraries.Select(l => _toolchain.Library(l, ".pe")))
            .Concat(_built.Select(a => a.Pe))
            .ToArray();

    private void Compile(NfProject project, List<string> references, string dll, IReadOnlyList<string> extraSources)
    {
        string rsp = Path.ChangeExtension(dll, ".rsp");
        // Warnings are errors here, as in the nano checks; the .nfproj leaves them warnings for users' newer compilers.
        var lines = new List<string>
        {
            "-nologo", "-noconfig", "-nostdlib+", "-optimize+", "-deterministic", "-debug-", "-warnaserror+",
            "-target:" + (project.IsExe ? "exe" : "library"),
            "-langversion:" + (project.LangVersion ?? DefaultLangVersion),
            "-define:NANOFRAMEWORK_1_0",
            "-out:" + Quote(dll),
            "-r:" + Quote(_toolchain.Library("mscorlib", ".dll")),
        };
        lines.AddRange(references.Select(r => "-r:" + Quote(r)));
        lines.AddRange(project.Sources.Concat(extraSources).Select(Quote));
        File.WriteAllLines(rsp, lines);
        var result = Run("dotnet", new[] { CscPath(), "@" + rsp });
        if (result.ExitCode != 0 || !File.Exists(dll))
        {
            string errors = string.Join(" | ", result.Output.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Take(5));
            throw new NanoToolchainException($"{Path.GetFileName(project.Path)} does not compile for nanoFramework: {errors}");
        }
    }

    private void Convert(string dll, string pe, List<string> references)
    {
        File.Delete(pe);
        var args = new List<string> { _toolchain.MetadataProcessor, "-loadHints", "mscorlib", _toolchain.Library("mscorlib", ".dll") };
        foreach (string reference in references)
        {
            args.AddRange(new[] { "-loadHints", Path.GetFileNameWithoutExtension(reference), reference });
        }

        args.AddRange(new[] { "-parse", dll, "-compile", pe, "false" });
        var result = Run("dotnet", args, invariantGlobalization: false);
        // The MetadataProcessor can print an error and still exit 0: a missing or empty .pe is the check.
        if (result.ExitCode != 0 || !File.Exists(pe) || new FileInfo(pe).Length == 0)
        {
            var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string cause = lines.FirstOrDefault(l => l.Contains("exception", StringComparison.OrdinalIgnoreCase)) ?? lines.LastOrDefault() ?? "no output";
            throw new NanoToolchainException($"the MetadataProcessor could not convert {Path.GetFileName(dll)}: {cause.Trim()}");
        }
    }

    private static string s_csc;

    private static string CscPath()
    {
        if (s_csc != null)
        {
            return s_csc;
        }

        var sdks = Run("dotnet", new[] { "--list-sdks" }).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim())
            .Select(line => (Version: line.Split(' ')[0], Dir: line.Substring(line.IndexOf('[') + 1).TrimEnd(']')))
            .Select(sdk => Path.Combine(sdk.Dir, sdk.Version, "Roslyn", "bincore", "csc.dll"))
            .Where(File.Exists)
            .ToArray();
        return s_csc = sdks.LastOrDefault() ?? throw new NanoToolchainException("no C# compiler (Roslyn/bincore/csc.dll) found in the .NET SDKs");
    }

    internal static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, bool invariantGlobalization = true)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (!invariantGlobalization)
        {
            // The MetadataProcessor must sort types with ICU; invariant mode changes the order and the native checksums.
            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0";
        }

        using var process = Process.Start(start) ?? throw new NanoToolchainException("cannot start " + file);
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string Quote(string path) => "\"" + path + "\"";
}
