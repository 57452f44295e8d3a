using System.CommandLine;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using NanoMqtt.Core.Messaging;
using Spectre.Console;

namespace NanoMqtt.Tools.Commands;

/// <summary>`nanomqtt watch [DEVICE]`: live telemetry, with sequence gaps and duplicates per stream.</summary>
public static class WatchCommand
{
    public static Command Create(CliEnv env, CommonOptions common)
    {
        var device = new Argument<string>("device") { Description = "Only this device (default: all)", Arity = ArgumentArity.ZeroOrOne };
        var duration = new Option<TimeSpan?>("--duration", "-d") { Description = "Stop after this long (default: until Ctrl+C)", CustomParser = r => Durations.Parse(r) };
        var cmd = new Command("watch", "Show live telemetry and report sequence gaps and duplicates per stream.")
        {
            device, duration
        };

        cmd.SetAction(async (parse, ct) =>
        {
            BrokerSettings s = common.Resolve(parse);
            string dev = parse.GetValue(device);
            if (dev != null && Topics.CheckSegment(dev, "device id") is string problem)
            {
                throw new CliException(ExitCodes.BadArgument, problem);
            }

            string filter = s.Prefix + "/" + (dev ?? "+") + "/telemetry/+";
            var tracker = new SequenceTracker();
            var gate = new object();
            using IMqttClient client = await MqttConnect.ConnectAsync(s, "nanomqtt-watch", ct).ConfigureAwait(false);
            client.ApplicationMessageReceivedAsync += e =>
            {
                string topic = e.ApplicationMessage.Topic;
                string text = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
                string stream = topic.StartsWith(s.Prefix + "/", StringComparison.Ordinal) ? topic[(s.Prefix.Length + 1)..].Replace("/telemetry/", "/") : topic;
                lock (gate)
                {
                    Report(env, tracker, stream, text, e.ApplicationMessage.Retain);
                }

                return Task.CompletedTask;
            };
            await client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce, ct).ConfigureAwait(false);
            env.Out.WriteLine("watching " + filter + " on " + s.Endpoint + (parse.GetValue(duration) is TimeSpan d ? " for " + Durations.Format(d) : " (Ctrl+C to stop)"));
            env.Out.Flush();

            try
            {
                await Task.Delay(parse.GetValue(duration) ?? Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the normal way to stop watching.
            }

            try
            {
                await client.DisconnectAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
            }

            lock (gate)
            {
                Summary(env, tracker);
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    public static void Report(CliEnv env, SequenceTracker tracker, string stream, string text, bool retained)
    {
        if (!Telemetry.TryRead(text, out string value, out string unit, out long? seq, out _))
        {
            env.Out.WriteLine(stream + "  (not telemetry JSON) " + text);
            return;
        }

        string line = stream + "  " + value + (string.IsNullOrEmpty(unit) ? "" : " " + unit) + (seq != null ? "  seq " + seq : "") + (retained ? "  (retained)" : "");
        env.Out.WriteLine(line);
        if (seq == null || retained)
        {
            return;
        }

        SequenceResult r = tracker.Observe(stream, seq.Value);
        switch (r.Verdict)
        {
            case SequenceVerdict.Gap:
                env.Out.WriteLine("GAP " + stream + ": missing " + (r.Missing == 1 ? "seq " + r.From : "seq " + r.From + "-" + (r.From + r.Missing - 1)) + " (" + r.Missing + ")");
                break;
            case SequenceVerdict.Duplicate:
                env.Out.WriteLine("DUPLICATE " + stream + ": seq " + r.From);
                break;
            case SequenceVerdict.Late:
                env.Out.WriteLine("LATE " + stream + ": seq " + r.From + " arrived after a gap was reported");
                break;
            case SequenceVerdict.Restart:
                env.Out.WriteLine("RESTART " + stream + ": sequence restarted at " + r.From + " (device rebooted?)");
                break;
        }
    }

    public static void Summary(CliEnv env, SequenceTracker tracker)
    {
        var stats = tracker.Stats;
        if (stats.Count == 0)
        {
            env.Out.WriteLine("No telemetry received.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("stream", "received", "gaps", "missing", "duplicates", "late", "restarts");
        foreach (var p in stats.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(p.Key), p.Value.Received.ToString(), p.Value.Gaps.ToString(), p.Value.Missing.ToString(),
                p.Value.Duplicates.ToString(), p.Value.Late.ToString(), p.Value.Restarts.ToString());
        }

        env.Console.Write(table);
        env.Out.WriteLine("total: " + stats.Values.Sum(x => x.Received) + " received, " + stats.Values.Sum(x => x.Missing) + " missing, " +
            stats.Values.Sum(x => x.Duplicates) + " duplicates");
    }
}
