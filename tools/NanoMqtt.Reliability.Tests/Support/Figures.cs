namespace NanoMqtt.Reliability.Tests.Support;

/// <summary>One scenario's row of the table in docs/reliability.md.</summary>
public sealed class FigureRow
{
    public string Scenario;
    public string Faults;
    public string Sent;
    public string Lost;
    public string Duplicated;
    public string Recovery;
    public string Notes;
}

/// <summary>
/// Prints a scenario's figures as a markdown table row (test output), and appends it to
/// reliability-figures.md in the test output folder, so the table in docs/reliability.md can be
/// regenerated from a run.
/// </summary>
public static class Figures
{
    private static readonly object Gate = new object();

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "reliability-figures.md");

    public static void Report(ITestOutputHelper output, FigureRow row)
    {
        string line = "| " + string.Join(" | ", row.Scenario, row.Faults, row.Sent, row.Lost, row.Duplicated, row.Recovery, row.Notes) + " |";
        output.WriteLine("FIGURES " + line);
        lock (Gate)
        {
            File.AppendAllText(FilePath, DateTime.UtcNow.ToString("u") + " " + line + Environment.NewLine);
        }
    }

    public static string Ms(double ms) => ms >= 10_000 ? (ms / 1000).ToString("0.0") + " s" : ms.ToString("0") + " ms";
}
