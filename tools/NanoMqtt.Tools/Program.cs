using NanoMqtt.Tools;

var env = new CliEnv(Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
return await Cli.RunAsync(args, env, CancellationToken.None, handleCtrlC: true);
