using System.Globalization;

namespace NanoMqtt.Bench.Harness;

public static class Stats
{
    /// <summary>The most events in any window of windowMs (sliding, not bucketed), among times in [from, to).</summary>
    public static int PeakPerWindow(IEnumerable<long> times, long fromMs, long toMs, long windowMs = 1000)
    {
        long[] t = times.Where(x => x >= fromMs && x < toMs).OrderBy(x => x).ToArray();
        int best = 0;
        int start = 0;
        for (int end = 0; end < t.Length; end++)
        {
            while (t[end] - t[start] >= windowMs)
            {
                start++;
            }

            best = Math.Max(best, end - start + 1);
        }

        return best;
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = values.OrderBy(v => v).ToArray();
        double rank = p / 100.0 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    public static string Ms(double ms)
    {
        return double.IsNaN(ms) ? "n/a" : ms >= 10000 ? (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s"
            : ms >= 1000 ? (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s" : ms.ToString("0", CultureInfo.InvariantCulture) + " ms";
    }

    public static string F(double v, string format = "0.0")
    {
        return double.IsNaN(v) ? "n/a" : v.ToString(format, CultureInfo.InvariantCulture);
    }
}

/// <summary>A Markdown table built row by row.</summary>
public sealed class Table
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = new List<string[]>();

    public Table(params string[] headers)
    {
        _headers = headers;
    }

    public int Count => _rows.Count;

    public void Add(params object[] cells)
    {
        _rows.Add(cells.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? "").ToArray());
    }

    public override string ToString()
    {
        var s = new System.Text.StringBuilder();
        s.Append("| ").Append(string.Join(" | ", _headers)).Append(" |\n");
        s.Append('|').Append(string.Concat(_headers.Select(_ => "---|"))).Append('\n');
        foreach (string[] r in _rows)
        {
            s.Append("| ").Append(string.Join(" | ", r)).Append(" |\n");
        }

        return s.ToString();
    }
}
