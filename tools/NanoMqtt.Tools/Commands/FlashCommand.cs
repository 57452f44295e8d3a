using System.CommandLine;
using System.Text.Json;
using NanoMqtt.Core.Config;
using NanoMqtt.Simulation;

namespace NanoMqtt.Tools.Commands;

/// <summary>
/// `nanomqtt flash`: nanoff updates the nanoFramework firmware (--update), deploys the app image
/// (--deploy --image), and writes nf.config, nf.secrets and the CA to the board's internal storage I:\
/// through nanoff's file deployment (--filedeployment with a JSON list of SourceFilePath and
/// DestinationFilePath entries), where the firmware reads them at boot.
/// </summary>
public static class FlashCommand
{
    public const string InstallHint = "dotnet tool install -g nanoff";

    /// <summary>
    /// The nanoFramework firmware the packages of firmware/NanoMqtt.Device/packages.config were checked
    /// against (hardware/README.md, "Firmware and packages"). Newer firmware may carry other native
    /// versions, and the deploy then fails with "Couldn't find a valid native assembly required by ...".
    /// </summary>
    public const string FirmwareVersion = "1.17.0.257";

    public static Command Create(CliEnv env, CommonOptions common)
    {
        var port = new Option<string>("--port", "-p") { Description = "Serial port (default: nf.config [board] serial_port), e.g. COM3 or /dev/ttyUSB0" };
        var target = new Option<string>("--target") { Description = "nanoff target (default: nf.config [board] target), e.g. ESP32_REV3" };
        var image = new Option<string>("--image") { Description = "The app's deployment image (.bin) (default: firmware/NanoMqtt.Device/bin/Release/NanoMqtt.Device.bin)" };
        var fwVersion = new Option<string>("--fwversion") { Description = "nanoFramework firmware version for nanoff --update (default: " + FirmwareVersion + ", the one the app's packages were checked against)" };
        var skipFirmware = new Option<bool>("--skip-firmware") { Description = "Do not update the nanoFramework firmware, only deploy the app and settings" };
        var settingsOnly = new Option<bool>("--settings-only") { Description = "Only write nf.config, nf.secrets and ca.pem to the board's storage (no firmware, no app image needed); reset the board afterwards" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the exact nanoff command lines and the file list, run nothing" };
        var cmd = new Command("flash", "Flash the nanoFramework firmware and the app with nanoff, and write the device settings to the board.")
        {
            port, target, image, fwVersion, skipFirmware, settingsOnly, dryRun
        };

        cmd.SetAction((parse, ct) =>
        {
            string configPath = parse.GetValue(common.Config) ?? "nf.config";
            if (!File.Exists(configPath))
            {
                throw new CliException(ExitCodes.BadConfig, "nf.config not found at " + Path.GetFullPath(configPath) + " (pass --config)");
            }

            configPath = Path.GetFullPath(configPath);
            ConfigDocument config = CommonOptions.ReadConfig(configPath);
            string t = parse.GetValue(target) ?? config.Get("board", "target");
            string p = parse.GetValue(port) ?? config.Get("board", "serial_port");
            if (string.IsNullOrWhiteSpace(t))
            {
                throw new CliException(ExitCodes.BadConfig, "no board target: set [board] target in " + configPath + " or pass --target");
            }

            if (string.IsNullOrWhiteSpace(p))
            {
                throw new CliException(ExitCodes.BadConfig, "no serial port: set [board] serial_port in " + configPath + " or pass --port");
            }

            string configDir = Path.GetDirectoryName(configPath);
            string img = parse.GetValue(image) ?? Path.Combine(configDir, "firmware", "NanoMqtt.Device", "bin", "Release", "NanoMqtt.Device.bin");
            img = Path.GetFullPath(img);
            bool dry = parse.GetValue(dryRun);
            bool onlySettings = parse.GetValue(settingsOnly);
            if (!dry && !onlySettings && !File.Exists(img))
            {
                throw new CliException(ExitCodes.MissingInput, "app image not found: " + img + " (build firmware/NanoMqtt.Device in Release first, or pass --image)");
            }

            // The files the firmware reads from I:\ at boot.
            var files = new List<(string Source, string Destination)> { (configPath, "I:\\nf.config") };
            string secrets = Path.Combine(configDir, "nf.secrets");
            if (File.Exists(secrets))
            {
                files.Add((secrets, "I:\\nf.secrets"));
            }

            string ca = parse.GetValue(common.Ca) ?? (File.Exists(Path.Combine(configDir, "ca.pem")) ? Path.Combine(configDir, "ca.pem") : null);
            if (ca != null)
            {
                files.Add((Path.GetFullPath(ca), "I:\\ca.pem"));
            }

            string deployJson = Path.Combine(Path.GetTempPath(), "nanomqtt-deploy-" + Sanitize(config.Get("device", "id", "device")) + ".json");
            File.WriteAllText(deployJson, DeploymentJson(p, files));

            var steps = new List<List<string>>();
            if (!parse.GetValue(skipFirmware) && !onlySettings)
            {
                steps.Add(new List<string> { "--update", "--target", t, "--serialport", p, "--fwversion", parse.GetValue(fwVersion) ?? FirmwareVersion });
            }

            if (!onlySettings)
            {
                steps.Add(new List<string> { "--deploy", "--target", t, "--serialport", p, "--image", img });
            }

            steps.Add(new List<string> { "--filedeployment", deployJson, "--serialport", p });

            if (dry)
            {
                foreach (List<string> args in steps)
                {
                    env.Out.WriteLine(Tooling.CommandLine("nanoff", args));
                }

                env.Out.WriteLine("# " + deployJson + " writes to the board's internal storage:");
                foreach (var f in files)
                {
                    env.Out.WriteLine("#   " + f.Source + " -> " + f.Destination);
                }

                return Task.FromResult(ExitCodes.Ok);
            }

            string nanoff = env.FindNanoff();
            if (nanoff == null)
            {
                throw new CliException(ExitCodes.ToolMissing, "nanoff is not installed. Install it with: " + InstallHint);
            }

            foreach (List<string> args in steps)
            {
                ct.ThrowIfCancellationRequested();
                env.Out.WriteLine("> " + Tooling.CommandLine("nanoff", args));
                int code = Tooling.Run(nanoff, args, env.Out, out _);
                if (code != 0)
                {
                    throw new CliException(ExitCodes.FlashFailed, "nanoff " + args[0] + " failed with exit code " + code + " (see nanoff's output above)");
                }
            }

            env.Out.WriteLine("Flashed " + t + " on " + p + ": firmware, app and settings (" + string.Join(", ", files.Select(f => f.Destination)) + ").");
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    /// <summary>nanoff's file deployment list: {"SerialPort": ..., "Files": [{"DestinationFilePath", "SourceFilePath"}]}.</summary>
    public static string DeploymentJson(string serialPort, IEnumerable<(string Source, string Destination)> files)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("SerialPort", serialPort);
            w.WriteStartArray("Files");
            foreach (var f in files)
            {
                w.WriteStartObject();
                w.WriteString("DestinationFilePath", f.Destination);
                w.WriteString("SourceFilePath", f.Source);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Sanitize(string id) => new string(id.Select(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' ? c : '_').ToArray());
}
