using NanoMqtt.Bench.Harness;
using NanoMqtt.NanoClr;
using NanoMqtt.Testing;

namespace NanoMqtt.Bench.Scenarios;

public sealed class ReconnectsReport : ScenarioReport
{
    public NetBoardFlapResult Result { get; set; }
}

/// <summary>
/// The networked virtual board on nanoCLR (the real M2MqttLink and M2Mqtt against a real Mosquitto) reconnected
/// again and again through a FaultProxy cut, as fast as its supervisor allows: threads, open sockets and free
/// heap after the first reconnect and after the last (tools/NanoMqtt.NanoClr.Tests' NetBoardReconnects asserts them).
/// </summary>
public static class ReconnectsScenario
{
    public static ReconnectsReport Run(int reconnects, string command, TextWriter log)
    {
        var toolchain = NanoToolchain.Find(RepoPaths.Root);
        string outDir = Path.Combine(Path.GetTempPath(), "nanomqtt-bench-reconnects-" + Guid.NewGuid().ToString("N")[..8]);
        using var broker = MosquittoBroker.Start();
        using var proxy = FaultProxy.Start(broker.Host, broker.Port);
        string shipped = File.ReadAllText(Path.Combine(toolchain.RepoRoot, "nf.config"));
        var changes = new List<(string, string, string)>
        {
            ("device", "id", "bench-flap"),
            ("mqtt", "brokers", $"{proxy.Host}:{proxy.Port}"),
            ("sensor.climate", "interval", "1s"),
            ("watchdog", "offline_reboot", "0"),
        };
        changes.AddRange(NetBoardFlap.FastReconnects);
        log?.WriteLine($"reconnects: build device-tests/NanoMqtt.NetBoard and reconnect it {reconnects} times");
        NetBoardFlapResult r;
        using (var board = NetBoardRun.Start(toolchain, outDir, NetBoardRun.Configure(shipped, changes.ToArray()), durationMs: 3_600_000))
        {
            r = NetBoardFlap.Run(board, proxy.CutAll, reconnects, TimeSpan.FromSeconds(10));
        }

        try
        {
            Directory.Delete(outDir, true);
        }
        catch (IOException)
        {
        }

        var table = new Table("settled after", "free heap (B)", "threads", "open sockets");
        table.Add("reconnect 1", r.AfterFirst.HeapFree.ToString("N0"), r.AfterFirst.Threads, r.AfterFirst.Sockets);
        table.Add($"reconnect {reconnects}", r.AfterLast.HeapFree.ToString("N0"), r.AfterLast.Threads, r.AfterLast.Sockets);
        var report = new ReconnectsReport { Title = $"The networked board on nanoCLR: {reconnects} reconnects", Command = command, Result = r };
        report.Body = table + "\n" +
            $"Heap lost over the {reconnects - 1} reconnects after the first: {r.HeapLostBytes:N0} B ({(double)r.HeapLostBytes / (reconnects - 1):0.0} B a reconnect); " +
            $"{r.MsPerReconnect:0} ms a reconnect (cut, drop noticed, retry after at most 100 ms, CONNECT, SUBSCRIBE, online).\n";
        bool flat = r.AfterLast.Threads == r.AfterFirst.Threads && r.AfterLast.Sockets == r.AfterFirst.Sockets;
        report.Goals.Add($"the same threads after {reconnects} reconnects as after 1: {(flat ? "met" : "missed")} ({r.AfterFirst.Threads} and {r.AfterLast.Threads}; sockets {r.AfterFirst.Sockets} and {r.AfterLast.Sockets}).");
        bool heapFlat = r.HeapLostBytes <= NetBoardFlap.HeapBoundBytes;
        report.Goals.Add($"the free heap after {reconnects} reconnects within {NetBoardFlap.HeapBoundBytes:N0} B of that after 1: {(heapFlat ? "met" : "missed")} ({r.HeapLostBytes:N0} B lost).");
        report.Notes.Add("Threads: the interpreter's started and not ended (its ready and waiting lists), read by NanoMqtt.NanoClrHost (tools/nanoclr/posix): the step loop and the four threads of M2Mqtt's client.");
        report.Notes.Add("Free heap after a collection (nanoFramework.Runtime.Native.GC.Run(false)), sampled two seconds after the board came online; nanoCLR's 64-bit build, so objects are larger than on the ESP32.");
        return report;
    }
}
