using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace NanoMqtt.Core.Tests.HostOnly
{
    /// <summary>
    /// Warnings fail CI, which compiles the same sources through the nano checks; they must not fail the
    /// .nfproj build a user runs in Visual Studio, whose compiler may be newer and warn about more.
    /// </summary>
    public class WarningPolicyTests
    {
        [Fact]
        public void NoNfprojTurnsWarningsIntoErrors()
        {
            string[] projects = Directory.GetFiles(Path.Combine(RepoFiles.Root, "firmware"), "*.nfproj", SearchOption.AllDirectories)
                .Concat(Directory.GetFiles(Path.Combine(RepoFiles.Root, "device-tests"), "*.nfproj", SearchOption.AllDirectories))
                .ToArray();
            Xunit.Assert.NotEmpty(projects);
            foreach (string proj in projects)
            {
                XDocument xml = XDocument.Load(proj);
                Xunit.Assert.DoesNotContain(xml.Descendants().Where(e => e.Name.LocalName == "TreatWarningsAsErrors"), e => e.Value.Trim() == "true");
                Xunit.Assert.DoesNotContain(xml.Descendants(), e => e.Name.LocalName == "WarningsAsErrors");
            }
        }

        [Fact]
        public void TheNanoChecksTurnWarningsIntoErrors()
        {
            XDocument props = XDocument.Load(Path.Combine(RepoFiles.Root, "firmware", "Nano.Check.props"));
            Xunit.Assert.Contains(props.Descendants(), e => e.Name.LocalName == "TreatWarningsAsErrors" && e.Value.Trim() == "true");
            string[] checks = Directory.GetDirectories(Path.Combine(RepoFiles.Root, "firmware"), "*.NanoCheck")
                .Concat(Directory.GetDirectories(Path.Combine(RepoFiles.Root, "device-tests"), "*.NanoCheck")).ToArray();
            Xunit.Assert.True(checks.Length >= 6, "the nano compile checks: " + string.Join(", ", checks));
            foreach (string check in checks)
            {
                string proj = Directory.GetFiles(check, "*.csproj").Single();
                string text = File.ReadAllText(proj);
                Xunit.Assert.Contains("Nano.Check.props", text);
                Xunit.Assert.DoesNotContain("<TreatWarningsAsErrors>false", text);
            }
        }
    }
}
