using System.Text.Json;

namespace NanoMqtt.Testing;

/// <summary>What a subscriber saw of one telemetry stream ({prefix}/{device}/telemetry/{stream}).</summary>
public sealed class StreamReport
{
    internal readonly Dictionary<long, int> Arrivals = new Dictionary<long, int>();

    public string Topic;
    public string Device;
    public string Stream;

    /// <summary>The highest sequence number received.</summary>
    public long MaxSeq;

    public int Distinct => Arrivals.Count;

    /// <summary>Arrivals beyond the first of a number: QoS 1 redelivery after a lost PUBACK.</summary>
    public int Duplicates;

    /// <summary>Sequence numbers in 1..MaxSeq never received: readings lost on the way.</summary>
    public List<long> Missing => MissingOf(MaxSeq);

    /// <summary>A new sequence number arrived after a higher one: the drain was not in order.</summary>
    public int OutOfOrder;

    /// <summary>The numbers of 1..maxSeq that never arrived.</summary>
    public List<long> MissingOf(long maxSeq)
    {
        var missing = new List<long>();
        for (long s = 1; s <= maxSeq; s++)
        {
            if (!Arrivals.ContainsKey(s))
            {
                missing.Add(s);
            }
        }

        return missing;
    }

    public override string ToString()
    {
        List<long> missing = Missing;
        return Device + "/" + Stream + ": max " + MaxSeq + ", distinct " + Distinct + ", duplicates " + Duplicates + ", out of order " + OutOfOrder +
            ", missing " + missing.Count + (missing.Count > 0 ? " [" + string.Join(",", missing.Take(20)) + (missing.Count > 20 ? ",..." : "") + "]" : "");
    }
}

/// <summary>
/// The sequence numbers ("seq") of the firmware's telemetry JSON in what a probe received, per stream: what
/// arrived, how often, in what order. Lost = numbers issued that never arrived; duplicates = arrivals beyond
/// the first of a number. Topics other than {prefix}/{device}/telemetry/{stream}, and payloads without a
/// seq, are not telemetry readings and are left out.
/// </summary>
public sealed class TelemetryLedger
{
    private readonly Dictionary<string, StreamReport> _streams = new Dictionary<string, StreamReport>(StringComparer.Ordinal);

    /// <summary>The ledger of these messages; with a prefix, only that prefix's topics count.</summary>
    public static TelemetryLedger Of(IEnumerable<ProbeMessage> messages, string prefix = null)
    {
        var ledger = new TelemetryLedger();
        foreach (ProbeMessage m in messages)
        {
            string[] levels = m.Topic.Split('/');
            if (levels.Length != 4 || (prefix != null && levels[0] != prefix) || levels[2] != "telemetry" || !TryReadSeq(m.Payload, out long seq))
            {
                continue;
            }

            if (!ledger._streams.TryGetValue(m.Topic, out StreamReport r))
            {
                r = new StreamReport { Topic = m.Topic, Device = levels[1], Stream = levels[3] };
                ledger._streams[m.Topic] = r;
            }

            if (r.Arrivals.TryGetValue(seq, out int n))
            {
                r.Arrivals[seq] = n + 1;
                r.Duplicates++;
            }
            else
            {
                r.Arrivals[seq] = 1;
                if (seq < r.MaxSeq)
                {
                    r.OutOfOrder++;
                }
            }

            r.MaxSeq = Math.Max(r.MaxSeq, seq);
        }

        return ledger;
    }

    /// <summary>Every stream seen, by device then stream.</summary>
    public IReadOnlyList<StreamReport> Streams => _streams.Values.OrderBy(r => r.Device, StringComparer.Ordinal).ThenBy(r => r.Stream, StringComparer.Ordinal).ToList();

    public long Received => _streams.Values.Sum(r => (long)r.Arrivals.Values.Sum());

    public long Distinct => _streams.Values.Sum(r => (long)r.Distinct);

    public long Duplicates => Received - Distinct;

    /// <summary>Distinct readings of one device over all its streams.</summary>
    public int DistinctOf(string device) => _streams.Values.Where(r => r.Device == device).Sum(r => r.Distinct);

    /// <summary>How many of 1..maxSeq never arrived on the topic.</summary>
    public long Missing(string topic, long maxSeq) => _streams.TryGetValue(topic, out StreamReport r) ? r.MissingOf(maxSeq).Count : Math.Max(0, maxSeq);

    /// <summary>The numbers of 1..maxSeq that never arrived, as ranges ("12-40, 45").</summary>
    public string MissingRanges(string topic, long maxSeq)
    {
        List<long> missing = _streams.TryGetValue(topic, out StreamReport r) ? r.MissingOf(maxSeq) : Enumerable.Range(1, (int)Math.Max(0, maxSeq)).Select(s => (long)s).ToList();
        var parts = new List<string>();
        for (int i = 0; i < missing.Count;)
        {
            int j = i;
            while (j + 1 < missing.Count && missing[j + 1] == missing[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? missing[i].ToString() : missing[i] + "-" + missing[j]);
            i = j + 1;
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    /// <summary>The highest sequence number received on the topic, 0 if none.</summary>
    public long MaxSeen(string topic) => _streams.TryGetValue(topic, out StreamReport r) ? r.MaxSeq : 0;

    /// <summary>The "seq" of a telemetry payload such as {"v":28066.7,"seq":42}, or -1 if it has none.</summary>
    public static long SeqOf(byte[] payload) => TryReadSeq(payload, out long seq) ? seq : -1;

    public static bool TryReadSeq(byte[] payload, out long seq)
    {
        seq = 0;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(payload);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("seq", out JsonElement e)
                && e.TryGetInt64(out seq);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
