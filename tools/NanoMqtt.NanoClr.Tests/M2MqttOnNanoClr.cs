using NanoMqtt.NanoClr;
using NanoMqtt.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NanoMqtt.NanoClr.Tests;

/// <summary>
/// nanoCLR with TCP sockets (tools/nanoclr/posix) and the managed System.Net and M2Mqtt built from their pinned
/// sources: the native tables pair with the libraries index by index, and the real MqttClient talks to Mosquitto.
/// </summary>
public sealed class M2MqttOnNanoClr
{
    private static readonly string[] NativeLibraries =
    {
        "System.Net", "nanoFramework.Runtime.Events", "nanoFramework.Runtime.Native", "nanoFramework.System.Collections", "nanoFramework.System.Text",
        NanoToolchain.HostLibrary,
    };

    private readonly ITestOutputHelper _output;

    public M2MqttOnNanoClr(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void EachNativeTablePairsWithItsLibraryIndexByIndex()
    {
        var toolchain = NanoToolchain.Find();
        var builtIn = NativeTableCheck.ReadBuiltInStrings(toolchain.BuiltInStringTable);
        var tables = NativeTableCheck.ReadTables(toolchain.NativeTables);
        Assert.Equal(NativeLibraries.OrderBy(n => n), tables.Select(t => t.Assembly).OrderBy(n => n));
        var problems = new List<string>();
        foreach (var table in tables)
        {
            int natives = table.Entries.Count(e => e != "NULL");
            _output.WriteLine($"{table.Assembly}: checksum 0x{table.Checksum:X8}, {table.Entries.Count} methods, {natives} native");
            problems.AddRange(NativeTableCheck.Compare(table, toolchain.Library(table.Assembly, ".pe"), builtIn));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
    }

    [Fact]
    public void ATableShiftedByOneMethodIsCaughtThoughTheChecksumMatches()
    {
        // What C# 11+ does to a native library: one leading method, every native index one further on.
        var toolchain = NanoToolchain.Find();
        var builtIn = NativeTableCheck.ReadBuiltInStrings(toolchain.BuiltInStringTable);
        var table = NativeTableCheck.ReadTables(toolchain.NativeTables).Single(t => t.Assembly == "System.Net");
        var shifted = table with { Entries = new[] { "NULL" }.Concat(table.Entries.Take(table.Entries.Count - 1)).ToArray() };
        var problems = NativeTableCheck.Compare(shifted, toolchain.Library("System.Net", ".pe"), builtIn);
        Assert.NotEmpty(problems);
        Assert.DoesNotContain(problems, p => p.Contains("checksum", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRealM2MqttConnectsPublishesAndReceivesThroughMosquitto()
    {
        var toolchain = NanoToolchain.Find();
        using var broker = MosquittoBroker.Start();
        await using var probe = await MqttProbe.ConnectAsync(broker.Host, broker.Port);
        await probe.SubscribeAsync("nanomqtt/smoke/out");

        var (result, assemblies) = await Task.Run(() => MqttSmokeRun.Run(toolchain, Path.Combine(AppContext.BaseDirectory, "mqtt-smoke"),
            broker.Host, broker.Port, MosquittoBroker.FreePort(), "nano-smoke", "nanomqtt/smoke/in", "nanomqtt/smoke/out", TimeSpan.FromSeconds(60)));
        foreach (string line in result.Lines.Where(l => l.StartsWith("smoke: ", StringComparison.Ordinal)))
        {
            _output.WriteLine(line);
        }

        _output.WriteLine($"nanoCLR ran for {result.Elapsed.TotalSeconds:0.0} s");
        Assert.True(result.Fault(assemblies) == null, result.Fault(assemblies) + "\n" + string.Join("\n", result.Lines.TakeLast(20)));
        Assert.DoesNotContain(result.Lines, l => l.StartsWith("smoke: error", StringComparison.Ordinal));
        // M2Mqtt wraps the socket error: MqttConnectionException with the SocketException inside.
        Assert.Contains("smoke: refused MqttConnectionException 10061", result.Lines);
        Assert.Contains("smoke: connected 0", result.Lines);
        Assert.Contains("smoke: received nanomqtt/smoke/in ping", result.Lines);
        Assert.Contains("smoke: published", result.Lines);
        Assert.Contains("smoke: disconnected", result.Lines);
        Assert.Contains("smoke: end", result.Lines);
        await probe.WaitForAsync("nanomqtt/smoke/out", "hello from nanoCLR", TimeSpan.FromSeconds(5));
    }
}
