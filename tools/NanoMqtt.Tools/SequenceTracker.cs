namespace NanoMqtt.Tools;

public enum SequenceVerdict
{
    /// <summary>The next number, or the first of a stream.</summary>
    InOrder,
    /// <summary>Numbers were skipped: <see cref="SequenceResult.Missing"/> of them, from <see cref="SequenceResult.From"/>.</summary>
    Gap,
    /// <summary>A number seen before (a QoS 1 redelivery).</summary>
    Duplicate,
    /// <summary>A number that was counted missing has arrived after all (an outbox drained out of order).</summary>
    Late,
    /// <summary>The sequence started again (the device rebooted).</summary>
    Restart
}

public readonly record struct SequenceResult(SequenceVerdict Verdict, long From, long Missing);

/// <summary>
/// Per-stream sequence checking for `watch` and the fault suite: gaps (with the missing range),
/// duplicates, late arrivals that fill an earlier gap, and restarts (the number dropped to 0 or 1, or far
/// below what was seen). Remembers a bounded window of recent numbers per stream.
/// </summary>
public sealed class SequenceTracker
{
    private const int Window = 4096;

    private readonly Dictionary<string, Stream> _streams = new Dictionary<string, Stream>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, StreamStats> Stats => _streams.ToDictionary(p => p.Key, p => p.Value.Stats);

    public SequenceResult Observe(string stream, long seq)
    {
        if (!_streams.TryGetValue(stream, out Stream s))
        {
            s = new Stream();
            _streams[stream] = s;
            s.Accept(seq);
            return new SequenceResult(SequenceVerdict.InOrder, seq, 0);
        }

        if (seq <= 1 && s.Last > 1)
        {
            // 0 or 1 after a run of higher numbers: the device counts again from its boot.
            return Restart(s, seq);
        }

        if (seq == s.Last + 1)
        {
            s.Accept(seq);
            return new SequenceResult(SequenceVerdict.InOrder, seq, 0);
        }

        if (seq > s.Last + 1)
        {
            long missing = seq - s.Last - 1;
            long from = s.Last + 1;
            s.Stats.Gaps++;
            s.Stats.Missing += missing;
            for (long m = from; m < seq && m - from < Window; m++)
            {
                s.Missed.Add(m);
            }

            s.Accept(seq);
            return new SequenceResult(SequenceVerdict.Gap, from, missing);
        }

        if (s.Seen.Contains(seq))
        {
            s.Stats.Received++;
            s.Stats.Duplicates++;
            return new SequenceResult(SequenceVerdict.Duplicate, seq, 0);
        }

        if (s.Missed.Remove(seq))
        {
            s.Stats.Missing--;
            s.Stats.Late++;
            s.Remember(seq);
            s.Stats.Received++;
            return new SequenceResult(SequenceVerdict.Late, seq, 0);
        }

        // Lower than anything remembered: the device started counting again.
        return Restart(s, seq);
    }

    private static SequenceResult Restart(Stream s, long seq)
    {
        s.Stats.Restarts++;
        s.Seen.Clear();
        s.Order.Clear();
        s.Missed.Clear();
        s.Accept(seq);
        return new SequenceResult(SequenceVerdict.Restart, seq, 0);
    }

    public sealed class StreamStats
    {
        public long Received;
        public long Gaps;
        public long Missing;
        public long Duplicates;
        public long Late;
        public long Restarts;
    }

    private sealed class Stream
    {
        public readonly HashSet<long> Seen = new HashSet<long>();
        public readonly Queue<long> Order = new Queue<long>();
        public readonly HashSet<long> Missed = new HashSet<long>();
        public readonly StreamStats Stats = new StreamStats();
        public long Last;

        public void Accept(long seq)
        {
            Last = seq;
            Stats.Received++;
            Remember(seq);
        }

        public void Remember(long seq)
        {
            if (Seen.Add(seq))
            {
                Order.Enqueue(seq);
                if (Order.Count > Window)
                {
                    Seen.Remove(Order.Dequeue());
                }
            }
        }
    }
}
