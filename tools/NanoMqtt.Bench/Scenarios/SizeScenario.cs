using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using NanoMqtt.Bench.Harness;
using NanoMqtt.NanoClr;

namespace NanoMqtt.Bench.Scenarios;

public sealed class SizeReport : ScenarioReport
{
    /// <summary>The core's .pe (the goal is about it alone: every board loads it).</summary>
    public long PeBytes { get; set; }
    public int PeStringBytes { get; set; }
    public int PeByteCodeBytes { get; set; }
    public long AssemblyBytes { get; set; }
    public int Types { get; set; }

    /// <summary>The sensors library's .pe (the shipped drivers and the binding bridge).</summary>
    public long SensorsPeBytes { get; set; }

    /// <summary>The sleep library's .pe (deep sleep, [power] mode = sleep): a board built without it does not load it.</summary>
    public long SleepPeBytes { get; set; }

    /// <summary>The Home Assistant library's .pe (discovery, [homeassistant] discovery = true): a board built without it does not load it.</summary>
    public long HomeAssistantPeBytes { get; set; }

    /// <summary>What a board built without the optional libraries loads beside the device shell: core plus sensors.</summary>
    public long TotalPeBytes { get; set; }

    /// <summary>What a sleeping (battery) board loads beside the device shell: core, sensors and sleep.</summary>
    public long SleepingTotalPeBytes { get; set; }

    /// <summary>What a Home Assistant board loads beside the device shell: core, sensors and Home Assistant discovery.</summary>
    public long HomeAssistantTotalPeBytes { get; set; }
    public const long GoalBytes = 60 * 1024;
}

/// <summary>
/// Size of the firmware libraries as the board loads them: firmware/NanoMqtt.Sensors/NanoMqtt.Sensors.nfproj,
/// firmware/NanoMqtt.Sleep/NanoMqtt.Sleep.nfproj, firmware/NanoMqtt.HomeAssistant/NanoMqtt.HomeAssistant.nfproj and the core they reference built as Visual Studio builds them and converted to .pe files by nanoFramework's
/// MetadataProcessor (the nanoCLR toolchain), with the core's IL breakdown by area to show what to shrink first.
/// </summary>
public static class SizeScenario
{
    public static SizeReport Run(TextWriter log)
    {
        var toolchain = NanoToolchain.Find(RepoPaths.Root);
        string outDir = Path.Combine(Path.GetTempPath(), "nanomqtt-bench-size-" + Guid.NewGuid().ToString("N")[..8]);
        log?.WriteLine("size: build firmware/NanoMqtt.Sensors, firmware/NanoMqtt.Sleep, firmware/NanoMqtt.HomeAssistant and the core, MetadataProcessor to .pe");
        var build = new NanoBuild(toolchain, outDir);
        NanoAssembly sensors = build.Build(Path.Combine(RepoPaths.Root, "firmware", "NanoMqtt.Sensors", "NanoMqtt.Sensors.nfproj"));
        NanoAssembly sleep = build.Build(Path.Combine(RepoPaths.Root, "firmware", "NanoMqtt.Sleep", "NanoMqtt.Sleep.nfproj"));
        NanoAssembly homeAssistant = build.Build(Path.Combine(RepoPaths.Root, "firmware", "NanoMqtt.HomeAssistant", "NanoMqtt.HomeAssistant.nfproj"));
        NanoAssembly core = build.Built.Single(a => a.Name == "NanoMqtt.Core");
        var pe = PeFile.Read(core.Pe);
        var sensorsPe = PeFile.Read(sensors.Pe);
        var sleepPe = PeFile.Read(sleep.Pe);
        var homeAssistantPe = PeFile.Read(homeAssistant.Pe);
        long bytes = new FileInfo(core.Dll).Length;
        long sensorsBytes = new FileInfo(sensors.Dll).Length;
        int types = CountTypes(core.Dll);
        int sensorsTypes = CountTypes(sensors.Dll);
        int sleepTypes = CountTypes(sleep.Dll);
        int homeAssistantTypes = CountTypes(homeAssistant.Dll);
        string breakdown = Breakdown(core.Dll);
        try
        {
            Directory.Delete(outDir, true);
        }
        catch (IOException)
        {
        }

        long total = pe.TotalBytes + sensorsPe.TotalBytes;
        long sleepingTotal = total + sleepPe.TotalBytes;
        long homeAssistantTotal = total + homeAssistantPe.TotalBytes;
        var report = new SizeReport
        {
            Title = "Size of the firmware libraries on the board",
            Command = "dotnet run -c Release --project tools/NanoMqtt.Bench -- size",
            PeBytes = pe.TotalBytes,
            PeStringBytes = pe.StringBytes,
            PeByteCodeBytes = pe.ByteCodeBytes,
            AssemblyBytes = bytes,
            Types = types,
            SensorsPeBytes = sensorsPe.TotalBytes,
            SleepPeBytes = sleepPe.TotalBytes,
            TotalPeBytes = total,
            SleepingTotalPeBytes = sleepingTotal,
            HomeAssistantPeBytes = homeAssistantPe.TotalBytes,
            HomeAssistantTotalPeBytes = homeAssistantTotal
        };
        bool met = pe.TotalBytes <= SizeReport.GoalBytes;
        var t = new Table("file", "bytes", "KiB", "of which strings", "of which bytecode", "types", "goal", "met");
        t.Add("NanoMqtt.Core.pe (what every board loads)", pe.TotalBytes, Stats.F(pe.TotalBytes / 1024.0, "0.0"), pe.StringBytes, pe.ByteCodeBytes, types,
            "<= 60 KiB, then 48 KiB", met ? "yes" : "NO");
        t.Add("NanoMqtt.Sensors.pe (shipped drivers, binding bridge)", sensorsPe.TotalBytes, Stats.F(sensorsPe.TotalBytes / 1024.0, "0.0"),
            sensorsPe.StringBytes, sensorsPe.ByteCodeBytes, sensorsTypes, "-", "-");
        t.Add("NanoMqtt.Sleep.pe (deep sleep, [power] mode = sleep)", sleepPe.TotalBytes, Stats.F(sleepPe.TotalBytes / 1024.0, "0.0"),
            sleepPe.StringBytes, sleepPe.ByteCodeBytes, sleepTypes, "-", "-");
        t.Add("NanoMqtt.HomeAssistant.pe (discovery, [homeassistant] discovery = true)", homeAssistantPe.TotalBytes,
            Stats.F(homeAssistantPe.TotalBytes / 1024.0, "0.0"), homeAssistantPe.StringBytes, homeAssistantPe.ByteCodeBytes, homeAssistantTypes, "-", "-");
        t.Add("mains board: core + sensors", total, Stats.F(total / 1024.0, "0.0"), pe.StringBytes + sensorsPe.StringBytes,
            pe.ByteCodeBytes + sensorsPe.ByteCodeBytes, types + sensorsTypes, "-", "-");
        t.Add("sleeping board: core + sensors + sleep", sleepingTotal, Stats.F(sleepingTotal / 1024.0, "0.0"),
            pe.StringBytes + sensorsPe.StringBytes + sleepPe.StringBytes, pe.ByteCodeBytes + sensorsPe.ByteCodeBytes + sleepPe.ByteCodeBytes,
            types + sensorsTypes + sleepTypes, "-", "-");
        t.Add("Home Assistant board: core + sensors + homeassistant", homeAssistantTotal, Stats.F(homeAssistantTotal / 1024.0, "0.0"),
            pe.StringBytes + sensorsPe.StringBytes + homeAssistantPe.StringBytes,
            pe.ByteCodeBytes + sensorsPe.ByteCodeBytes + homeAssistantPe.ByteCodeBytes, types + sensorsTypes + homeAssistantTypes, "-", "-");
        t.Add("NanoMqtt.Core.dll (IL, the MetadataProcessor's input)", bytes, Stats.F(bytes / 1024.0, "0.0"), "-", "-", types, "-", "-");
        t.Add("NanoMqtt.Sensors.dll (IL)", sensorsBytes, Stats.F(sensorsBytes / 1024.0, "0.0"), "-", "-", sensorsTypes, "-", "-");
        report.Body = t + "\nWhere the core's IL bytes are (from the assembly's metadata):\n\n" + breakdown;
        report.Goals.Add("a core .pe of at most 60 KiB: " + (met ? "met" : "missed") + " (" + Stats.F(pe.TotalBytes / 1024.0) + " KiB).");
        report.Notes.Add("Built with the C# compiler of the .NET SDK from each .nfproj's compile list against nanoFramework.CoreLibrary 1.17.11, "
            + "converted by nanoFramework's MetadataProcessor (tools/nanoclr/build-toolchain). The device shell (NanoMqtt.Device) "
            + "references board libraries the toolchain does not ship and is not measured here.");
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
            var declaring = Outermost(md, type);
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

        return heaps + "\nThe largest types (nested types counted in their outer type; the .pe keeps every name):\n\n" + TopTypes(md, pe);
    }

    /// <summary>The type itself, or the outermost type it is nested in: the figures count nested types in it.</summary>
    private static TypeDefinition Outermost(MetadataReader md, TypeDefinition type)
    {
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = md.GetTypeDefinition(outer);
        }

        return type;
    }

    /// <summary>The types that weigh most: IL, names (type, fields, methods; shared names counted in each) and method count, largest first.</summary>
    private static string TopTypes(MetadataReader md, System.Reflection.PortableExecutable.PEReader pe)
    {
        var rows = new Dictionary<string, (long Il, long Names, int Methods)>();
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(typeHandle);
            var outer = Outermost(md, type);
            string name = md.GetString(outer.Name);
            var row = rows.GetValueOrDefault(name);
            row.Names += md.GetString(type.Name).Length;
            foreach (var f in type.GetFields())
            {
                row.Names += md.GetString(md.GetFieldDefinition(f).Name).Length;
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                row.Methods++;
                row.Names += md.GetString(method.Name).Length;
                if (method.RelativeVirtualAddress != 0)
                {
                    row.Il += pe.GetMethodBody(method.RelativeVirtualAddress).Size;
                }
            }

            rows[name] = row;
        }

        var t = new Table("type", "IL bytes", "name bytes", "methods");
        foreach (var kv in rows.OrderByDescending(kv => kv.Value.Il + kv.Value.Names).Take(25))
        {
            t.Add(kv.Key, kv.Value.Il, kv.Value.Names, kv.Value.Methods);
        }

        return t.ToString();
    }

    private static int CountTypes(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return md.TypeDefinitions.Count - 1; // minus <Module>
    }
}
