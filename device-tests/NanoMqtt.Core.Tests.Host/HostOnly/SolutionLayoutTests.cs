using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NanoMqtt.Core.Tests.HostOnly
{
    /// <summary>
    /// Visual Studio builds the .nfproj files, which list their sources one by one, while the SDK builds
    /// glob. These keep the three builds of one source from drifting apart.
    /// </summary>
    public class SolutionLayoutTests
    {
        private static string[] ProjectFiles(string pattern) =>
            new[] { "firmware", "device-tests", "tools" }
                .Select(d => Path.Combine(RepoFiles.Root, d))
                .Where(Directory.Exists)
                .SelectMany(d => Directory.GetFiles(d, pattern, SearchOption.AllDirectories))
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar)
                         && !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .Select(p => Path.GetRelativePath(RepoFiles.Root, p).Replace('\\', '/'))
                // nanoFramework's own tools and libraries, built from their sources by tools/nanoclr/build-toolchain.
                .Where(p => !p.StartsWith("tools/nanoclr/", StringComparison.Ordinal))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToArray();

        [Fact]
        public void EveryNfprojCompilesExactlyTheSourcesBesideIt()
        {
            foreach (var proj in ProjectFiles("*.nfproj"))
            {
                string dir = Path.GetDirectoryName(Path.Combine(RepoFiles.Root, proj));
                // Items with a Link attribute are files shared from another folder on purpose (the networked board
                // compiles the device shell's M2MqttLink); the rest must be exactly the files beside the project.
                var listed = Regex.Matches(File.ReadAllText(Path.Combine(RepoFiles.Root, proj)), "<Compile Include=\"([^\"]+)\"\\s*/>")
                    .Select(m => m.Groups[1].Value.Replace('\\', '/'))
                    .OrderBy(p => p, StringComparer.Ordinal);
                var present = Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories)
                    .Select(p => Path.GetRelativePath(dir, p).Replace('\\', '/'))
                    .Where(p => !p.StartsWith("bin/") && !p.StartsWith("obj/"))
                    .OrderBy(p => p, StringComparer.Ordinal);
                Xunit.Assert.True(listed.SequenceEqual(present),
                    proj + " does not list exactly the .cs files of its folder; run scripts/sync-nfproj");
            }
        }

        [Fact]
        public void TheSolutionListsEveryProject()
        {
            string sln = RepoFiles.Read("NanoMqtt.sln").Replace('\\', '/');
            foreach (var proj in ProjectFiles("*.nfproj").Concat(ProjectFiles("*.csproj")))
            {
                Xunit.Assert.True(sln.Contains("\"" + proj + "\""), "NanoMqtt.sln does not list " + proj);
            }
        }

        [Fact]
        public void TheHostFilterListsEverySdkProject()
        {
            string slnf = RepoFiles.Read("NanoMqtt.Host.slnf").Replace("\\\\", "/");
            foreach (var proj in ProjectFiles("*.csproj"))
            {
                Xunit.Assert.True(slnf.Contains("\"" + proj + "\""), "NanoMqtt.Host.slnf does not list " + proj);
            }
        }
    }
}
