using System.CommandLine;
using MQTTnet;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Tools.Commands;

/// <summary>`nanomqtt send DEVICE ACTUATOR VALUE`: one command, one answer, an exit code for scripts.</summary>
public static class SendCommand
{
    public static Command Create(CliEnv env, CommonOptions common)
    {
        var device = new Argument<string>("device") { Description = "Device id" };
        var actuator = new Argument<string>("actuator") { Description = "Actuator name (relay1, led...) or `device` for built-in commands" };
        var value = new Argument<string>("value") { Description = "on, off, toggle, a number, or a device command (ping, diag, reboot)" };
        var timeout = new Option<TimeSpan>("--timeout", "-t") { Description = "How long to wait for the answer", DefaultValueFactory = _ => TimeSpan.FromSeconds(5), CustomParser = Durations.Parse };
        var expires = new Option<TimeSpan>("--expires", "-e") { Description = "The device refuses the command after this long (0: never)", DefaultValueFactory = _ => TimeSpan.FromSeconds(60), CustomParser = Durations.Parse };
        var id = new Option<string>("--id") { Description = "Command id (default: a random one); a repeated id is refused as a duplicate" };
        var cmd = new Command("send", "Send a command to a device and wait for its result. Exit 0: ok, 2: error answer, 3: no answer.")
        {
            device, actuator, value, timeout, expires, id
        };

        cmd.SetAction(async (parse, ct) =>
        {
            BrokerSettings s = common.Resolve(parse);
            string dev = parse.GetValue(device);
            string act = parse.GetValue(actuator);
            string val = parse.GetValue(value);
            string problem = Topics.CheckSegment(dev, "device id") ?? Topics.CheckSegment(act, "actuator");
            if (problem != null)
            {
                throw new CliException(ExitCodes.BadArgument, problem);
            }

            TimeSpan wait = parse.GetValue(timeout);
            if (wait <= TimeSpan.Zero)
            {
                throw new CliException(ExitCodes.BadArgument, "--timeout must be more than 0");
            }

            TimeSpan exp = parse.GetValue(expires);
            using IMqttClient client = await MqttConnect.ConnectAsync(s, "nanomqtt-send", ct).ConfigureAwait(false);
            CommandReply reply = await CommandSender.SendAsync(client, s.Prefix, dev, act, val, wait, exp, ct, parse.GetValue(id)).ConfigureAwait(false);
            switch (reply.Outcome)
            {
                case CommandOutcome.Ok:
                    env.Out.WriteLine(dev + " " + act + " " + val + ": ok" + (reply.State != null ? " (state " + reply.State + ")" : "") +
                        " [id " + reply.Id + ", " + Durations.Format(reply.Elapsed) + "]");
                    return ExitCodes.Ok;
                case CommandOutcome.Error:
                    string why = reply.Code != null ? reply.Code + (reply.Reason != null ? ": " + reply.Reason : "") : reply.Reason ?? reply.Payload;
                    env.Err.WriteLine(dev + " refused " + act + " " + val + ": " + why + " [id " + reply.Id + "]");
                    return ExitCodes.CommandRefused;
                default:
                    env.Err.WriteLine("no answer from " + dev + " within " + Durations.Format(wait) + ". The device may be offline; " +
                        (exp > TimeSpan.Zero
                            ? "the command (id " + reply.Id + ") will still be applied if it reaches the device within its expiry of " + Durations.Format(exp) + "."
                            : "the command (id " + reply.Id + ") has no expiry and will be applied whenever the device gets it."));
                    await client.DisconnectAsync().ConfigureAwait(false);
                    return ExitCodes.CommandTimeout;
            }
        });
        return cmd;
    }
}
