using System.CommandLine;
using NanoMqtt.Tools.Commands;
using Spectre.Console;

namespace NanoMqtt.Tools;

/// <summary>Where a command writes, and whether it may draw live views.</summary>
public sealed class CliEnv
{
    public CliEnv(TextWriter output, TextWriter error, bool interactive)
    {
        Out = output;
        Err = error;
        Interactive = interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No
        });
        if (!interactive)
        {
            Console.Profile.Width = 160;
        }
    }

    public TextWriter Out { get; }
    public TextWriter Err { get; }
    public bool Interactive { get; }
    public IAnsiConsole Console { get; }

    /// <summary>Overrides for tests: the nanoff and mosquitto_passwd lookups.</summary>
    public Func<string> FindNanoff { get; set; } = Tooling.FindNanoff;
    public Func<string> FindMosquittoPasswd { get; set; } = Tooling.FindMosquittoPasswd;
}

/// <summary>The `nanomqtt` command line: parsing, the commands, and one-line errors with their exit codes.</summary>
public static class Cli
{
    public static RootCommand Build(CliEnv env)
    {
        var common = new CommonOptions();
        var root = new RootCommand("nanomqtt: run, watch, command and provision NanoMqtt devices, real or simulated.");
        common.AddTo(root);
        root.Add(DemoCommand.Create(env, common));
        root.Add(BrokerCommand.Create(env));
        root.Add(BoardCommand.Create(env));
        root.Add(SimulateCommand.Create(env, common));
        root.Add(DevicesCommand.Create(env, common));
        root.Add(SendCommand.Create(env, common));
        root.Add(WatchCommand.Create(env, common));
        root.Add(FlashCommand.Create(env, common));
        root.Add(ProvisionCommand.Create(env, common));
        return root;
    }

    /// <summary>Runs one command line; the tests call this in-process.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnv env, CancellationToken ct, bool handleCtrlC = false)
    {
        RootCommand root = Build(env);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            string command = parse.CommandResult.Command == root ? "nanomqtt" : "nanomqtt " + parse.CommandResult.Command.Name;
            // An unknown word explains more than the "required command" error it also causes.
            var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            env.Err.WriteLine("nanomqtt: " + error.Message.TrimEnd('.') + ". See '" + command + " --help'.");
            return ExitCodes.BadArgument;
        }

        var config = new InvocationConfiguration
        {
            Output = env.Out,
            Error = env.Err,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C cancels the command's token; the grace period lets devices publish `offline`.
            ProcessTerminationTimeout = handleCtrlC ? TimeSpan.FromSeconds(15) : null
        };

        try
        {
            return await parse.InvokeAsync(config, ct).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            env.Err.WriteLine("nanomqtt: " + ex.Message);
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            env.Err.WriteLine("nanomqtt: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            env.Err.WriteLine("nanomqtt: unexpected error: " + ex.GetType().Name + ": " + ex.Message);
            return ExitCodes.Failure;
        }
    }
}
