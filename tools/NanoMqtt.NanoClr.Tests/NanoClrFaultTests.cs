using NanoMqtt.NanoClr;
using Xunit;

namespace NanoMqtt.NanoClr.Tests;

/// <summary>
/// nanoCLR's harness exits 0 on its own and the launcher prints no summary, so every way a run can go wrong
/// must be read from what it printed: each one is a fault, never a pass.
/// </summary>
public sealed class NanoClrFaultTests
{
    private const string Loaded = "   Assembly: NFUnitTest (0.1.0.0)   (4040 RAM - 95088 ROM - 24111 METADATA)\nReady.\n";

    [Fact]
    public void ACleanRunIsNoFault()
    {
        Assert.Null(Result(Loaded + "Done.\n").Fault(new[] { "NFUnitTest" }));
    }

    [Theory]
    [InlineData(139, "signal 11, a crash")]
    [InlineData(1, "exited with code 1")]
    public void ANonZeroExitIsAFault(int exitCode, string expected)
    {
        Assert.Contains(expected, Result(Loaded, exitCode).Fault());
    }

    [Fact]
    public void AHangIsAFault()
    {
        var result = new NanoClrResult(Loaded, -1, true, TimeSpan.FromMinutes(10));
        Assert.Contains("did not finish within 600 s", result.Fault());
    }

    [Theory]
    [InlineData("error: failed to load 'x.pe' (hr=0x1)")]
    [InlineData("Invalid native checksum: System.Net 0xCE9FFEB8")]
    [InlineData("Unhandled exception: System.NullReferenceException")]
    public void AnAssemblyThatDoesNotLoadOrAnUncaughtExceptionIsAFault(string line)
    {
        Assert.NotNull(Result(Loaded + line + "\n").Fault());
    }

    [Fact]
    public void AnAssemblyLoadedUnderAnotherNameIsAFault()
    {
        // Past nanoCLR's string table an assembly loads with a garbled name and runs nothing.
        string fault = Result("   Assembly: ExtractValueFromArray (0.1.0.0)\nReady.\n").Fault(new[] { "NFUnitTest" });
        Assert.Contains("did not load an assembly named NFUnitTest", fault);
    }

    [Fact]
    public void ARunThatNeverGotReadyIsAFault()
    {
        Assert.Contains("never got ready", Result("Loading Assemblies.\n").Fault());
    }

    [Fact]
    public void AFileThatIsNotAPeFailsToLoadOnTheRealInterpreter()
    {
        var toolchain = NanoToolchain.Find();
        string bad = Path.Combine(Path.GetTempPath(), "nanomqtt-not-a-pe-" + Guid.NewGuid().ToString("N")[..8] + ".pe");
        File.WriteAllText(bad, "this is not a nanoCLR assembly");
        try
        {
            var result = NanoClrProcess.Run(toolchain, new[] { toolchain.Library("mscorlib", ".pe"), bad }, TimeSpan.FromMinutes(1));
            Assert.NotNull(result.Fault());
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public void AMissingPeFileIsRefusedBeforeTheInterpreterStarts()
    {
        // The harness crashes on a path it cannot open; the runner names the file instead.
        var toolchain = NanoToolchain.Find();
        var e = Assert.Throws<NanoToolchainException>(() => NanoClrProcess.Run(toolchain, new[] { "/nonexistent/x.pe" }, TimeSpan.FromMinutes(1)));
        Assert.Contains("/nonexistent/x.pe", e.Message);
    }

    private static NanoClrResult Result(string output, int exitCode = 0) => new(output, exitCode, false, TimeSpan.FromSeconds(1));
}
