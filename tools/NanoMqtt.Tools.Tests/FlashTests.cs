using System.Text.Json;
using NanoMqtt.Tools.Commands;
using Xunit;

namespace NanoMqtt.Tools.Tests;

public sealed class FlashTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nanomqtt-flash-" + Guid.NewGuid().ToString("N")[..8]);

    public FlashTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "nf.config"), "[board]\ntarget = ESP32_REV3\nserial_port = /dev/ttyUSB0\n[device]\nid = greenhouse1\n");
        File.WriteAllText(Path.Combine(_dir, "nf.secrets"), "[mqtt]\npassword = s3cret\n");
    }

    private string Config => Path.Combine(_dir, "nf.config");

    [Fact]
    public async Task Fwversion_overrides_the_pinned_firmware()
    {
        CliRun run = await CliHarness.Run("flash", "--dry-run", "--config", Config, "--image", Path.Combine(_dir, "app.bin"), "--fwversion", "1.17.1.12");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("nanoff --update --target ESP32_REV3 --serialport /dev/ttyUSB0 --fwversion 1.17.1.12\n", run.Out.Replace("\r", ""));
    }

    [Fact]
    public async Task Dry_run_prints_the_exact_nanoff_command_lines_and_the_files_for_I_drive()
    {
        string image = Path.Combine(_dir, "app.bin");
        CliRun run = await CliHarness.Run("flash", "--dry-run", "--config", Config, "--image", image);
        Assert.True(run.ExitCode == 0, run.ToString());
        string[] lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("nanoff --update --target ESP32_REV3 --serialport /dev/ttyUSB0 --fwversion " + FlashCommand.FirmwareVersion, lines[0]);
        Assert.Equal("nanoff --deploy --target ESP32_REV3 --serialport /dev/ttyUSB0 --image " + image, lines[1]);
        Assert.StartsWith("nanoff --filedeployment ", lines[2]);
        Assert.EndsWith(" --serialport /dev/ttyUSB0", lines[2]);
        Assert.DoesNotContain("s3cret", run.Out);

        string json = lines[2].Split(' ')[2];
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("/dev/ttyUSB0", doc.RootElement.GetProperty("SerialPort").GetString());
        var files = doc.RootElement.GetProperty("Files").EnumerateArray()
            .Select(f => (f.GetProperty("SourceFilePath").GetString(), f.GetProperty("DestinationFilePath").GetString())).ToArray();
        Assert.Equal(new[] { (Config, "I:\\nf.config"), (Path.Combine(_dir, "nf.secrets"), "I:\\nf.secrets") }, files);
    }

    [Fact]
    public async Task Port_and_target_options_override_the_config()
    {
        CliRun run = await CliHarness.Run("flash", "--dry-run", "--config", Config, "--port", "COM7", "--target", "ESP32_C3", "--skip-firmware");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("nanoff --deploy --target ESP32_C3 --serialport COM7 --image ", run.Out);
        Assert.DoesNotContain("--update", run.Out);
    }

    [Fact]
    public async Task Settings_only_writes_the_files_and_needs_no_app_image()
    {
        // Not a dry run: the missing Release image must not matter, and nanoff's absence is the only stop.
        var cli = new CliHarness();
        cli.Env.FindNanoff = () => null;
        CliRun run = await cli.RunAsync(CancellationToken.None, "flash", "--config", Config, "--settings-only");
        Assert.Equal(ExitCodes.ToolMissing, run.ExitCode);

        CliRun dry = await CliHarness.Run("flash", "--dry-run", "--config", Config, "--settings-only");
        Assert.Equal(0, dry.ExitCode);
        Assert.StartsWith("nanoff --filedeployment ", dry.Out);
        Assert.DoesNotContain("--update", dry.Out);
        Assert.DoesNotContain("--deploy ", dry.Out);
    }

    [Fact]
    public async Task Without_nanoff_it_says_how_to_install_it_and_exits_127()
    {
        string image = Path.Combine(_dir, "app.bin");
        File.WriteAllBytes(image, new byte[] { 1, 2, 3 });
        var cli = new CliHarness();
        cli.Env.FindNanoff = () => null;
        CliRun run = await cli.RunAsync(CancellationToken.None, "flash", "--config", Config, "--image", image);
        Assert.Equal(ExitCodes.ToolMissing, run.ExitCode);
        Assert.Contains("dotnet tool install -g nanoff", run.Err);
    }

    [Fact]
    public async Task A_missing_app_image_is_exit_66()
    {
        CliRun run = await CliHarness.Run("flash", "--config", Config, "--image", Path.Combine(_dir, "missing.bin"));
        Assert.Equal(ExitCodes.MissingInput, run.ExitCode);
    }

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
    }
}
