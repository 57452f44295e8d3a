namespace NanoMqtt.Bench.Harness;

/// <summary>Finds the repository (the folder holding NanoMqtt.sln) from the running binary or the working folder.</summary>
public static class RepoPaths
{
    public static string Root
    {
        get
        {
            foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                for (DirectoryInfo d = new DirectoryInfo(start); d != null; d = d.Parent)
                {
                    if (File.Exists(Path.Combine(d.FullName, "NanoMqtt.sln")))
                    {
                        return d.FullName;
                    }
                }
            }

            throw new InvalidOperationException("Cannot find the repository root (NanoMqtt.sln) above " + AppContext.BaseDirectory);
        }
    }

    public static string Peers => Path.Combine(Root, "tools", "NanoMqtt.Bench", "peers");
}
