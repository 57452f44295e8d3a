using NanoMqtt.NanoClr;
using NanoMqtt.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NanoMqtt.NanoClr.Tests;

/// <summary>
/// M2Mqtt's history has thread and memory leaks on reconnect, and M2MqttLink builds a fresh client (with its
/// threads and socket) for every attempt. 100 reconnects of the networked board, each a FaultProxy cut as soon
/// as it is online, must leave the interpreter's thread count, the open sockets and the free heap where the
/// first reconnect left them.
/// </summary>
public sealed class NetBoardReconnects
{
    private const int Reconnects = 100;

    private readonly ITestOutputHelper _output;

    public NetBoardReconnects(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void AHundredReconnectsLeaveTheThreadsSocketsAndHeapAsOneDid()
    {
        using var broker = MosquittoBroker.Start();
        using var proxy = FaultProxy.Start(broker.Host, broker.Port);
        using var board = NetBoardRun.Start(NanoToolchain.Find(), Path.Combine(AppContext.BaseDirectory, "net-board-flap1"),
            NetBoardOnNanoClr.TestConfig("flap1", $"{proxy.Host}:{proxy.Port}", NetBoardFlap.FastReconnects), durationMs: 600_000);
        NetBoardFlapResult result;
        try
        {
            result = NetBoardFlap.Run(board, proxy.CutAll, Reconnects, TimeSpan.FromSeconds(10));
        }
        finally
        {
            foreach (string line in board.Lines.Where(l => l.StartsWith("board:", StringComparison.Ordinal)).Where((l, i) => i < 12 || l.Contains("heap_free", StringComparison.Ordinal)).TakeLast(40))
            {
                _output.WriteLine(line);
            }
        }

        _output.WriteLine($"after 1 reconnect: {result.AfterFirst}");
        _output.WriteLine($"after {Reconnects}: {result.AfterLast}");
        _output.WriteLine($"{result.MsPerReconnect:0} ms a reconnect; heap lost {result.HeapLostBytes} B (bound {NetBoardFlap.HeapBoundBytes} B)");
        Assert.Equal(result.AfterFirst.Threads, result.AfterLast.Threads);
        Assert.Equal(result.AfterFirst.Sockets, result.AfterLast.Sockets);
        Assert.True(result.HeapLostBytes <= NetBoardFlap.HeapBoundBytes, $"{result.HeapLostBytes} B of heap lost over {Reconnects - 1} reconnects");
    }
}
