using NanoMqtt.Bench.Harness;

namespace NanoMqtt.Bench.Scenarios;

/// <summary>What every scenario hands back: its figures as Markdown, with the command, machine and date.</summary>
public class ScenarioReport
{
    public string Title { get; init; }
    public string Command { get; init; }
    public Machine Machine { get; init; } = Machine.Describe();
    public string Body { get; set; } = "";
    public List<string> Goals { get; } = new List<string>();
    public List<string> Notes { get; } = new List<string>();

    public string ToMarkdown()
    {
        var s = new System.Text.StringBuilder();
        s.Append("### ").Append(Title).Append("\n\n");
        s.Append("Command: `").Append(Command).Append("`  \n");
        s.Append("Machine: ").Append(Machine).Append("\n\n");
        s.Append(Body.TrimEnd()).Append("\n\n");
        foreach (string g in Goals)
        {
            s.Append("- Goal: ").Append(g).Append('\n');
        }

        foreach (string n in Notes)
        {
            s.Append("- ").Append(n).Append('\n');
        }

        return s.ToString();
    }
}
