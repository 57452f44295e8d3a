using System;
using System.IO;

namespace NanoMqtt.Core.Tests.HostOnly
{
    /// <summary>Finds files of the repository from the test's output folder.</summary>
    internal static class RepoFiles
    {
        public static string Root
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NanoMqtt.sln")))
                {
                    dir = dir.Parent;
                }

                return dir?.FullName ?? throw new InvalidOperationException("NanoMqtt.sln not found above " + AppContext.BaseDirectory);
            }
        }

        public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));
    }
}
