using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using NanoMqtt.Bench.Harness;

namespace NanoMqtt.Bench.Scenarios;

public sealed class SizeReport : ScenarioReport
{
    public long AssemblyBytes { get; set; }
    public int Types { get; set; }
    public const long GoalBytes = 48 * 1024;
}

/// <summary>
/// Compiled size of the nano build of the core: firmware/NanoMqtt.Core.NanoCheck in Release (IL against
/// nanoFramework's mscorlib). A proxy for flash and load time: the board runs the .pe that nanoFramework's
/// metadata processor makes from this IL, which that tool (Windows/VS only) makes smaller still.
/// </summary>
public static class SizeScenario
{
    public static SizeReport Run(TextWriter log)
    {
        string root = RepoPaths.Root;
        string outDir = Path.Combine(Path.GetTempPath(), "nanomqtt-bench-size-" + Guid.NewGuid().ToString("N")[..8]);
        string project = Path.Combine(root, "firmware", "NanoMqtt.Core.NanoCheck", "NanoMqtt.Core.NanoCheck.csproj");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (string a in new[] { "build", project, "-c", "Release", "--nologo", "-v", "q", "-p:OutDir=" + outDir + Path.DirectorySeparatorChar })
        {
            psi.ArgumentList.Add(a);
        }

        log?.WriteLine("size: dotnet build firmware/NanoMqtt.Core.NanoCheck -c Release");
        using (Process p = Process.Start(psi))
        {
            Task<string> err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException("the nano build failed:\n" + output + err.Result);
            }
        }

        string dll = Path.Combine(outDir, "NanoMqtt.Core.dll");
        long bytes = new FileInfo(dll).Length;
        int types = CountTypes(dll);
        string breakdown = Breakdown(dll);
        try
        {
            Directory.Delete(outDir, true);
        }
        catch (IOException)
        {
        }

        var report = new SizeReport
        {
            Title = "Compiled size of the nano build of the core",
            Command = "dotnet run -c Release --project tools/NanoMqtt.Bench -- size",
            AssemblyBytes = bytes,
            Types = types
        };
        var t = new Table("assembly", "build", "bytes", "KiB", "types", "goal", "met");
        t.Add("NanoMqtt.Core.dll (IL)", "firmware/NanoMqtt.Core.NanoCheck, Release, against nanoFramework.CoreLibrary 1.17.11", bytes,
            Stats.F(bytes / 1024.0, "0.0"), types, "<= 48 KiB", bytes <= SizeReport.GoalBytes ? "yes" : "NO");
        report.Body = t + "\nWhere the bytes are (from the assembly's metadata):\n\n" + breakdown;
        report.Goals.Add("at most 48 KiB of IL: " + (bytes <= SizeReport.GoalBytes ? "met" : "missed") + " (" + Stats.F(bytes / 1024.0) + " KiB).");
        report.Notes.Add("The board loads the .pe that nanoFramework's MetadataProcessor makes from this IL (a Visual Studio/Windows step, not run here); it is usually smaller than the IL.");
        return report;
    }

    /// <summary>Metadata heaps and IL method bodies by namespace: what to shrink first.</summary>
    private static string Breakdown(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var heaps = new Table("part", "bytes");
        heaps.Add("#US heap (string literals: messages, names, JSON keys)", md.GetHeapSize(System.Reflection.Metadata.Ecma335.HeapIndex.UserString));
        heaps.Add("#Strings heap (type, member, parameter names)", md.GetHeapSize(System.Reflection.Metadata.Ecma335.HeapIndex.String));
        heaps.Add("#Blob heap (signatures, constants)", md.GetHeapSize(System.Reflection.Metadata.Ecma335.HeapIndex.Blob));
        var il = new Dictionary<string, long>();
        long total = 0;
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(typeHandle);
            var declaring = type;
            while (declaring.GetDeclaringType() is { IsNil: false } outer)
            {
                declaring = md.GetTypeDefinition(outer);
            }

            string ns = md.GetString(declaring.Namespace);
            ns = ns.Length == 0 ? "(global)" : ns;
            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                int size = pe.GetMethodBody(method.RelativeVirtualAddress).Size;
                il[ns] = il.GetValueOrDefault(ns) + size;
                total += size;
            }
        }

        heaps.Add("IL method bodies, all", total);
        foreach (var kv in il.OrderByDescending(kv => kv.Value))
        {
            heaps.Add("&nbsp;&nbsp;IL of " + kv.Key, kv.Value);
        }

        return heaps.ToString();
    }

    private static int CountTypes(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return md.TypeDefinitions.Count - 1; // minus <Module>
    }
}
