namespace NanoMqtt.NanoClr;

/// <summary>
/// The toolchain that tools/nanoclr/build-toolchain builds: nanoCLR, the MetadataProcessor and the managed
/// libraries (mscorlib, TestFramework, UnitTestLauncher, Runtime.Native, System.Net, M2Mqtt and their
/// dependencies) as .dll and .pe, with nanoCLR given TCP sockets.
/// </summary>
public sealed class NanoToolchain
{
    public const string BuildCommand = "tools/nanoclr/build-toolchain";

    private NanoToolchain(string home, string repoRoot)
    {
        Home = home;
        RepoRoot = repoRoot;
    }

    public string Home { get; }

    public string RepoRoot { get; }

    public string NanoClr => Path.Combine(Home, "bin", "nanoFramework.nanoCLR.test");

    public string MetadataProcessor => Path.Combine(Home, "mdp", "nanoFramework.Tools.MetadataProcessor.dll");

    /// <summary>The .dll (to compile against) or .pe (to load) of a library the toolchain ships.</summary>
    public string Library(string assemblyName, string extension) => Path.Combine(Home, "lib", assemblyName + extension);

    /// <summary>
    /// System.Net, M2Mqtt and the libraries they need, in the order nanoCLR loads them (after mscorlib, before
    /// the application): each after those it references.
    /// </summary>
    public static readonly string[] NetLibraries =
    {
        "nanoFramework.Runtime.Events", "nanoFramework.Runtime.Native", "nanoFramework.System.Collections", "System.Threading",
        "nanoFramework.System.Text", "System.IO.Streams", "System.Net", "nanoFramework.M2Mqtt.Core", "nanoFramework.M2Mqtt",
    };

    /// <summary>
    /// The project's own native library (tools/nanoclr/posix/NanoMqtt.NanoClrHost.cs): the interpreter's thread
    /// count and the sockets layer's open sockets, which nanoFramework has no managed API for.
    /// </summary>
    public const string HostLibrary = "NanoMqtt.NanoClrHost";

    /// <summary>nanoCLR's native method tables of the libraries with native code, as build-toolchain extracted them.</summary>
    public string NativeTables => Path.Combine(Home, "lib", "native-tables.txt");

    /// <summary>nanoCLR's built-in string table (the .pe string ids it names), in the sources the toolchain was built from.</summary>
    public string BuiltInStringTable => Path.Combine(Home, "src", "nf-interpreter", "src", "CLR", "Core", "StringTableData.cpp");

    public bool Ships(string assemblyName) => File.Exists(Library(assemblyName, ".dll")) && File.Exists(Library(assemblyName, ".pe"));

    /// <summary>
    /// The toolchain of this repository ($NANOMQTT_NANOCLR_HOME, else .nanoclr/ at the repository root), or a
    /// <see cref="NanoToolchainException"/> that names the command to build it.
    /// </summary>
    public static NanoToolchain Find(string repoRoot = null)
    {
        repoRoot ??= FindRepoRoot();
        string home = Environment.GetEnvironmentVariable("NANOMQTT_NANOCLR_HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Path.Combine(repoRoot, ".nanoclr");
        }

        var toolchain = new NanoToolchain(home, repoRoot);
        var missing = new List<string>();
        if (!File.Exists(Path.Combine(home, "stamp")))
        {
            missing.Add("its build stamp");
        }

        if (!File.Exists(toolchain.NanoClr))
        {
            missing.Add("nanoCLR");
        }

        if (!File.Exists(toolchain.MetadataProcessor))
        {
            missing.Add("the MetadataProcessor");
        }

        foreach (var lib in new[] { "mscorlib", "nanoFramework.TestFramework", "nanoFramework.UnitTestLauncher", HostLibrary }.Concat(NetLibraries))
        {
            if (!toolchain.Ships(lib))
            {
                missing.Add(lib);
            }
        }

        if (!File.Exists(toolchain.NativeTables))
        {
            missing.Add("the native tables (lib/native-tables.txt)");
        }

        if (missing.Count > 0)
        {
            throw new NanoToolchainException(
                $"the nanoCLR toolchain in {home} lacks {string.Join(", ", missing)}: build it with `{BuildCommand}` " +
                "(about 2 minutes; needs cmake, ninja-build and g++; NANOMQTT_NF_SOURCES=<folder of archives> builds offline)");
        }

        return toolchain;
    }

    public static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NanoMqtt.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new NanoToolchainException("NanoMqtt.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The toolchain is missing or broken, or a build or run step on it failed: one line that says which.</summary>
public sealed class NanoToolchainException : Exception
{
    public NanoToolchainException(string message) : base(message)
    {
    }
}
