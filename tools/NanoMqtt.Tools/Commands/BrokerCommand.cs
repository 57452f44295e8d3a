using System.CommandLine;

namespace NanoMqtt.Tools.Commands;

/// <summary>`nanomqtt broker`: the embedded broker alone, for a quick try with a board or mosquitto_pub.</summary>
public static class BrokerCommand
{
    public static Command Create(CliEnv env)
    {
        var port = new Option<int>("--port", "-p") { Description = "TCP port", DefaultValueFactory = _ => 1883 };
        var local = new Option<bool>("--local") { Description = "Listen on 127.0.0.1 only (default: every interface, so a board on the LAN can connect)" };
        var cmd = new Command("broker", "Run the embedded MQTT broker (MQTTnet) until Ctrl+C. For the field, run Mosquitto (or EMQX for large fleets).")
        {
            port, local
        };

        cmd.SetAction(async (parse, ct) =>
        {
            int p = parse.GetValue(port);
            if (p < 1 || p > 65535)
            {
                throw new CliException(ExitCodes.BadArgument, "--port must be 1-65535");
            }

            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(p, parse.GetValue(local)).ConfigureAwait(false);
            broker.ClientConnected = (id, endpoint) => env.Out.WriteLine(DateTime.Now.ToString("HH:mm:ss") + "  + " + id + " from " + endpoint);
            broker.ClientDisconnected = (id, how) => env.Out.WriteLine(DateTime.Now.ToString("HH:mm:ss") + "  - " + id + " (" + how + ")");
            env.Out.WriteLine("Embedded MQTT broker listening on port " + p + (parse.GetValue(local) ? " (127.0.0.1 only)" : "") + ". Ctrl+C to stop.");
            env.Out.WriteLine("It is for trying things out; in the field run Mosquitto (or a cluster such as EMQX for large fleets).");
            env.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            env.Out.WriteLine("Broker stopped.");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
