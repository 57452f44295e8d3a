using NanoMqtt.NanoClr;
using Xunit;
using Xunit.Abstractions;

namespace NanoMqtt.NanoClr.Tests;

/// <summary>
/// Every device-test project that needs no hardware, built from its .nfproj as Visual Studio builds it,
/// converted by the real MetadataProcessor and run by the stock UnitTestLauncher on nanoCLR.
/// </summary>
public sealed class DeviceTestsOnNanoClr
{
    private readonly ITestOutputHelper _output;

    public DeviceTestsOnNanoClr(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> Projects() => NanoTestProjects.Runnable().Select(p => new object[] { p });

    [Fact]
    public void TestProjectsAreFound()
    {
        Assert.NotEmpty(NanoTestProjects.Runnable());
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void AllCasesPass(string project)
    {
        var run = NanoTestProjects.Run(project);
        _output.WriteLine($"{run.Cases.Length} cases of {run.Declared} declared, in {run.Result.Elapsed.TotalSeconds:0.0} s");
        Assert.True(run.Declared > 0, project + " declares no test case");
        string problem = run.Problem();
        Assert.True(problem == null, $"{project} on nanoCLR: {problem}");
    }

    [Fact]
    public void NanoClrAndDotNetRunTheSameCases()
    {
        int onNanoClr = NanoTestProjects.Runnable().Sum(p => NanoTestProjects.Run(p).Cases.Length);
        int onDotNet = NanoMqtt.Core.Tests.Host.NanoTestCases.All().Count();
        _output.WriteLine($"{onNanoClr} cases on nanoCLR, {onDotNet} on .NET");
        Assert.Equal(onDotNet, onNanoClr);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void AssemblyIsNamedForTheLauncher(string project)
    {
        // The launcher loads only the assembly named NFUnitTest; any other name runs nothing and prints nothing.
        Assert.Equal("NFUnitTest", NfProject.Load(Path.Combine(NanoTestProjects.RepoRoot, project)).AssemblyName);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void StringsFitNanoClrsTable(string project)
    {
        foreach (var assembly in NanoTestProjects.Build(project).Built)
        {
            int strings = PeFile.Read(assembly.Pe).StringBytes;
            _output.WriteLine($"{assembly.Name}: {strings:N0} B of strings");
            Assert.True(strings < PeFile.MaxStringBytes,
                $"{assembly.Name} has {strings:N0} B of strings; nanoCLR addresses at most {PeFile.MaxStringBytes:N0} B per assembly (split the project)");
        }
    }
}
