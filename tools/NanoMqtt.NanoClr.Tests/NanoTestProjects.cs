using System.Collections.Concurrent;
using NanoMqtt.NanoClr;

namespace NanoMqtt.NanoClr.Tests;

/// <summary>The device-test projects that run on nanoCLR, each built and run once per test run.</summary>
internal static class NanoTestProjects
{
    private static readonly ConcurrentDictionary<string, Lazy<NanoBuild>> Builds = new();
    private static readonly ConcurrentDictionary<string, Lazy<UnitTestRun>> Runs = new();
    private static readonly Lazy<NanoToolchain> Toolchain = new(() => NanoToolchain.Find());

    public static string RepoRoot { get; } = NanoToolchain.FindRepoRoot();

    /// <summary>
    /// device-tests/*/*.nfproj test projects that need only what nanoCLR's POSIX build has (no GPIO, I2C or
    /// network: those projects are for a board, from Visual Studio).
    /// </summary>
    public static string[] Runnable() =>
        Directory.GetFiles(Path.Combine(RepoRoot, "device-tests"), "*.nfproj", SearchOption.AllDirectories)
            .Where(path => File.ReadAllText(path).Contains("<IsTestProject>true</IsTestProject>", StringComparison.Ordinal))
            .Where(path => !NfProject.Load(path).References.Any(IsHardware))
            .Select(path => Path.GetRelativePath(RepoRoot, path))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();

    public static NanoBuild Build(string project) =>
        Builds.GetOrAdd(project, p => new Lazy<NanoBuild>(() =>
        {
            var toolchain = Toolchain.Value;
            // In this test's own output, not the toolchain's: checkouts that share one toolchain never share builds.
            var build = new NanoBuild(toolchain, Path.Combine(AppContext.BaseDirectory, "nanoclr-out", Path.GetFileNameWithoutExtension(p)));
            build.Build(Path.Combine(RepoRoot, p));
            return build;
        })).Value;

    public static UnitTestRun Run(string project) =>
        Runs.GetOrAdd(project, p => new Lazy<UnitTestRun>(() =>
        {
            var build = Build(p);
            var result = NanoClrProcess.Run(Toolchain.Value,
                build.LoadList("nanoFramework.TestFramework", "nanoFramework.UnitTestLauncher"), TimeSpan.FromMinutes(10));
            return new UnitTestRun(result, build.Built[^1].Dll, build.Built.Select(a => a.Name));
        })).Value;

    private static bool IsHardware(string reference) =>
        reference.StartsWith("System.Device.", StringComparison.Ordinal)
        || reference.StartsWith("nanoFramework.Hardware.", StringComparison.Ordinal)
        || reference.StartsWith("nanoFramework.M2Mqtt", StringComparison.Ordinal);
}
