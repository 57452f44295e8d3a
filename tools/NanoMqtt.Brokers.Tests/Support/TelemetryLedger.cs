using System.Text.Json;
using NanoMqtt.Testing;

namespace NanoMqtt.Brokers.Tests.Support;

/// <summary>What a subscriber saw of one telemetry stream ({prefix}/{id}/telemetry/{stream}).</summary>
public sealed class StreamReport
{
    public string Device;
    public string Stream;
    public long MaxSeq;
    public int Distinct;
    public int Duplicates;

    /// <summary>Sequence numbers in 1..MaxSeq never received: readings lost on the way.</summary>
    public List<long> Missing = new List<long>();

    /// <summary>A new sequence number arrived after a higher one: the drain was not in order.</summary>
    public int OutOfOrder;

    public override string ToString() =>
        Device + "/" + Stream + ": max " + MaxSeq + ", distinct " + Distinct + ", duplicates " + Duplicates + ", out of order " + OutOfOrder +
        ", missing " + Missing.Count + (Missing.Count > 0 ? " [" + string.Join(",", Missing.Take(20)) + (Missing.Count > 20 ? ",..." : "") + "]" : "");
}

/// <summary>Reads the sequence numbers ("seq") of the firmware's telemetry JSON out of what a probe received.</summary>
public static class TelemetryLedger
{
    public static IReadOnlyList<StreamReport> Analyse(IEnumerable<ProbeMessage> messages, string prefix)
    {
        var reports = new Dictionary<(string, string), (StreamReport Report, HashSet<long> Seen, long Highest)>();
        foreach (ProbeMessage m in messages)
        {
            string[] levels = m.Topic.Split('/');
            if (levels.Length != 4 || levels[0] != prefix || levels[2] != "telemetry" || !TryReadSeq(m.Payload, out long seq))
            {
                continue;
            }

            var key = (levels[1], levels[3]);
            if (!reports.TryGetValue(key, out var entry))
            {
                entry = (new StreamReport { Device = levels[1], Stream = levels[3] }, new HashSet<long>(), 0);
            }

            if (!entry.Seen.Add(seq))
            {
                entry.Report.Duplicates++;
            }
            else if (seq < entry.Highest)
            {
                entry.Report.OutOfOrder++;
            }

            entry.Highest = Math.Max(entry.Highest, seq);
            reports[key] = entry;
        }

        foreach (var entry in reports.Values)
        {
            StreamReport r = entry.Report;
            r.MaxSeq = entry.Highest;
            r.Distinct = entry.Seen.Count;
            for (long s = 1; s <= r.MaxSeq; s++)
            {
                if (!entry.Seen.Contains(s))
                {
                    r.Missing.Add(s);
                }
            }
        }

        return reports.Values.Select(e => e.Report).OrderBy(r => r.Device).ThenBy(r => r.Stream).ToList();
    }

    public static int DistinctReadings(IEnumerable<ProbeMessage> messages, string prefix, string device) =>
        Analyse(messages, prefix).Where(r => r.Device == device).Sum(r => r.Distinct);

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
