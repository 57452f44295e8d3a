using System.CommandLine;
using System.Diagnostics;
using NanoMqtt.NanoClr;

namespace NanoMqtt.Tools.Commands;

/// <summary>
/// `nanomqtt board`: one networked virtual board (device-tests/NanoMqtt.NetBoard) on nanoCLR: the device shell's
/// M2MqttLink with the real M2Mqtt and the core's FieldDevice, with the shipped nf.config pointed at a broker.
/// Builds the nanoCLR toolchain first when it is missing.
/// </summary>
public static class BoardCommand
{
    public static Command Create(CliEnv env)
    {
        var broker = new Option<string>("--broker", "-b") { Description = "HOST:PORT of the broker (a comma-separated list fails over in order)", Required = true };
        var id = new Option<string>("--id") { Description = "Device id (default: the shipped nf.config's)" };
        var duration = new Option<TimeSpan>("--duration", "-d")
        {
            Description = "Run this long, then exit 0 (default 60s)",
            CustomParser = r => Durations.Parse(r),
            DefaultValueFactory = _ => TimeSpan.FromSeconds(60),
        };
        var cmd = new Command("board", "Run one networked virtual board on nanoCLR (the firmware's real MQTT client and core) against a broker; prints its state changes.")
        {
            broker, id, duration,
        };

        cmd.SetAction(parse =>
        {
            TimeSpan runFor = parse.GetValue(duration);
            if (runFor <= TimeSpan.Zero)
            {
                throw new CliException(ExitCodes.BadArgument, "--duration must be positive");
            }

            NanoToolchain toolchain = FindOrBuild(env);
            var changes = new List<(string, string, string)> { ("mqtt", "brokers", parse.GetValue(broker)) };
            string deviceId = parse.GetValue(id);
            if (!string.IsNullOrEmpty(deviceId))
            {
                changes.Add(("device", "id", deviceId));
            }

            string config = NetBoardRun.Configure(File.ReadAllText(Path.Combine(toolchain.RepoRoot, "nf.config")), changes.ToArray());
            string outDir = Path.Combine(Path.GetTempPath(), "nanomqtt-board-" + Environment.ProcessId);
            env.Out.WriteLine("Building the networked virtual board...");
            env.Out.Flush();
            using var run = NetBoardRun.Start(toolchain, outDir, config, (long)runFor.TotalMilliseconds, heapEveryMs: 60_000);
            run.LineReceived += line =>
            {
                if (line.StartsWith("board: ", StringComparison.Ordinal))
                {
                    lock (env.Out)
                    {
                        env.Out.WriteLine(DateTime.Now.ToString("HH:mm:ss") + "  " + line.Substring(7));
                        env.Out.Flush();
                    }
                }
            };
            NanoClrResult result = run.Finish(runFor + TimeSpan.FromSeconds(60));
            string fault = result.Fault(run.Assemblies);
            if (fault != null || !result.Lines.Contains("board: done"))
            {
                throw new CliException(ExitCodes.Failure, "the virtual board did not finish: " + (fault ?? "no \"board: done\""));
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static NanoToolchain FindOrBuild(CliEnv env)
    {
        try
        {
            return NanoToolchain.Find();
        }
        catch (NanoToolchainException)
        {
            string repo = NanoToolchain.FindRepoRoot();
            env.Out.WriteLine("Building the nanoCLR toolchain first (" + NanoToolchain.BuildCommand + ", a few minutes the first time)...");
            env.Out.Flush();
            using var build = Process.Start(new ProcessStartInfo(Path.Combine(repo, NanoToolchain.BuildCommand)) { UseShellExecute = false })
                ?? throw new CliException(ExitCodes.Failure, "cannot start " + NanoToolchain.BuildCommand);
            build.WaitForExit();
            if (build.ExitCode != 0)
            {
                throw new CliException(ExitCodes.Failure, NanoToolchain.BuildCommand + " failed (exit code " + build.ExitCode + ")");
            }

            return NanoToolchain.Find(repo);
        }
    }
}
