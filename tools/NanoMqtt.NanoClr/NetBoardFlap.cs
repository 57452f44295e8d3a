using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NanoMqtt.NanoClr;

/// <summary>One of the networked board's periodic lines: free heap after a collection, threads, open sockets, reconnects.</summary>
public sealed record NetBoardSample(long T, long HeapFree, int Threads, int Sockets, int Reconnects)
{
    private static readonly Regex Pattern = new(@"t=(\d+) heap_free=(\d+) threads=(\d+) sockets=(\d+) reconnects=(\d+)", RegexOptions.Compiled);

    /// <summary>The sample a "board: t=.. heap_free=.. threads=.. sockets=.. reconnects=.." line holds, or null.</summary>
    public static NetBoardSample Parse(string line)
    {
        Match m = line == null ? Match.Empty : Pattern.Match(line);
        return m.Success
            ? new NetBoardSample(long.Parse(m.Groups[1].Value), long.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value),
                int.Parse(m.Groups[4].Value), int.Parse(m.Groups[5].Value))
            : null;
    }
}

/// <summary>What a run of reconnects left behind: the board settled after the first reconnect and after the last.</summary>
public sealed record NetBoardFlapResult(NetBoardSample AfterFirst, NetBoardSample AfterLast, int Reconnects, TimeSpan Elapsed)
{
    /// <summary>Free heap lost between the first reconnect and the last (negative: more free at the end).</summary>
    public long HeapLostBytes => AfterFirst.HeapFree - AfterLast.HeapFree;

    public double MsPerReconnect => Elapsed.TotalMilliseconds / Reconnects;
}

/// <summary>
/// Reconnects the networked board again and again, as fast as its supervisor allows: each time it is online,
/// the link is cut (by the caller, through a FaultProxy) and the next "state=online" awaited. The board is
/// sampled once settled (two sample periods after coming online) after the first reconnect and after the last.
/// </summary>
public static class NetBoardFlap
{
    /// <summary>
    /// How far the settled free heap may move between the first reconnect and the last without a leak: what is in
    /// flight at a sample (a reading, an acknowledgement) and the free list after a non-compacting collection.
    /// A leak of 64 bytes a reconnect would lose 6.3 KB over the 99 between the samples of 100 reconnects.
    /// </summary>
    public const long HeapBoundBytes = 4096;

    /// <summary>nf.config changes for the shortest reconnect cycle the core allows: retries after at most 100 ms.</summary>
    public static readonly (string Section, string Key, string Value)[] FastReconnects =
    {
        ("mqtt", "keepalive", "2s"),
        ("mqtt", "connect_timeout", "2s"),
        ("backoff", "base", "100ms"),
        ("backoff", "cap", "100ms"),
        ("backoff", "stable", "0"),
        ("backoff", "session_loss_spread", "0"),
    };

    /// <summary>cut closes the board's link and returns how many links it closed.</summary>
    public static NetBoardFlapResult Run(NetBoardRun board, Func<int> cut, int reconnects, TimeSpan perReconnect)
    {
        board.WaitFor(l => IsOnline(l, 0), TimeSpan.FromSeconds(60), "state=online");
        NetBoardSample first = null;
        var watch = Stopwatch.StartNew();
        for (int i = 1; i <= reconnects; i++)
        {
            int from = board.Lines.Length;
            if (cut() == 0)
            {
                throw new InvalidOperationException($"reconnect {i}: the proxy had no link of the board's to cut");
            }

            int n = i;
            board.WaitFor(l => IsOnline(l, n), perReconnect, $"state=online with reconnects={i}", from);
            if (i == 1)
            {
                first = Settled(board, 1);
                watch.Restart();
            }
        }

        var elapsed = watch.Elapsed;
        return new NetBoardFlapResult(first, Settled(board, reconnects), reconnects, elapsed);
    }

    private static bool IsOnline(string line, int reconnects) =>
        line.Contains(" state=online ", StringComparison.Ordinal) && line.EndsWith(" reconnects=" + reconnects, StringComparison.Ordinal);

    /// <summary>
    /// The third sample from now on, two whole sample periods (2 s) after the board came online: by then the
    /// clients of the earlier attempts are closed (M2Mqtt's Close takes up to 1.2 s, on a thread of its own).
    /// </summary>
    private static NetBoardSample Settled(NetBoardRun board, int reconnects)
    {
        int from = board.Lines.Length;
        string line = null;
        for (int i = 0; i < 3; i++)
        {
            line = board.WaitFor(l => NetBoardSample.Parse(l) != null, TimeSpan.FromSeconds(10), "a settled heap sample", from);
            from = Array.IndexOf(board.Lines, line, from) + 1;
        }

        var sample = NetBoardSample.Parse(line);
        if (sample.Reconnects != reconnects)
        {
            throw new InvalidOperationException($"the board reconnected on its own while settling: {line}");
        }

        return sample;
    }
}
