using NanoMqtt.Testing;

namespace NanoMqtt.Reliability.Tests.Support;

/// <summary>
/// What the independent subscriber received on the telemetry topics: per topic, every sequence number
/// and how often it came. Lost = numbers the device issued that never arrived; duplicates = arrivals
/// beyond the first of a number (QoS 1 redelivery after a lost PUBACK).
/// </summary>
public sealed class Ledger
{
    private readonly Dictionary<string, Dictionary<long, int>> _topics = new Dictionary<string, Dictionary<long, int>>(StringComparer.Ordinal);

    public static Ledger Of(IEnumerable<ProbeMessage> messages)
    {
        var ledger = new Ledger();
        foreach (ProbeMessage m in messages)
        {
            if (!m.Topic.Contains("/telemetry/", StringComparison.Ordinal))
            {
                continue;
            }

            long seq = Seq.Of(m.Payload);
            if (!ledger._topics.TryGetValue(m.Topic, out Dictionary<long, int> seen))
            {
                seen = new Dictionary<long, int>();
                ledger._topics[m.Topic] = seen;
            }

            seen[seq] = seen.TryGetValue(seq, out int n) ? n + 1 : 1;
        }

        return ledger;
    }

    public long Received => _topics.Values.Sum(t => (long)t.Values.Sum());

    public long Distinct => _topics.Values.Sum(t => (long)t.Count);

    public long Duplicates => Received - Distinct;

    public long DuplicatesOn(string topic) => _topics.TryGetValue(topic, out var t) ? t.Values.Sum() - t.Count : 0;

    /// <summary>How many of 1..maxSeq never arrived on the topic.</summary>
    public long Missing(string topic, long maxSeq)
    {
        if (!_topics.TryGetValue(topic, out Dictionary<long, int> seen))
        {
            return maxSeq;
        }

        long missing = 0;
        for (long s = 1; s <= maxSeq; s++)
        {
            if (!seen.ContainsKey(s))
            {
                missing++;
            }
        }

        return missing;
    }

    /// <summary>The numbers of 1..maxSeq that never arrived, as ranges ("12-40, 45").</summary>
    public string MissingRanges(string topic, long maxSeq)
    {
        _topics.TryGetValue(topic, out Dictionary<long, int> seen);
        var parts = new List<string>();
        long start = -1;
        for (long s = 1; s <= maxSeq + 1; s++)
        {
            bool gone = s <= maxSeq && (seen == null || !seen.ContainsKey(s));
            if (gone && start < 0)
            {
                start = s;
            }
            else if (!gone && start >= 0)
            {
                parts.Add(start == s - 1 ? start.ToString() : start + "-" + (s - 1));
                start = -1;
            }
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    public long MaxSeen(string topic) => _topics.TryGetValue(topic, out var t) && t.Count > 0 ? t.Keys.Max() : 0;
}
