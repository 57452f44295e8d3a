using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using NanoMqtt.Simulation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NanoMqtt.Tools.Commands;

/// <summary>
/// `nanomqtt demo`: an embedded broker, N simulated devices, a live table of what they publish (read back
/// from the broker, as any client would see it) and one command round trip.
/// </summary>
public static class DemoCommand
{
    public static Command Create(CliEnv env, CommonOptions common)
    {
        var port = new Option<int?>("--port", "-p") { Description = "Port of the embedded broker (default 1883, or a free one when 1883 is taken)" };
        var count = new Option<int>("--devices", "-n") { Description = "How many simulated devices", DefaultValueFactory = _ => 3 };
        var duration = new Option<TimeSpan?>("--duration", "-d") { Description = "Stop after this long and print a summary (default: until Ctrl+C); a plain number is seconds", CustomParser = r => Durations.Parse(r) };
        var haDiscovery = new Option<bool>("--ha-discovery")
        {
            Description = "The devices also announce themselves to Home Assistant (retained configs under homeassistant/...): point Home Assistant's MQTT integration at the demo broker to see them"
        };
        var cmd = new Command("demo", "Start an embedded broker and simulated devices, show their readings live, and send a command round trip.")
        {
            port, count, duration, haDiscovery
        };

        cmd.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(count);
            if (n < 1 || n > 1000)
            {
                throw new CliException(ExitCodes.BadArgument, "--devices must be 1-1000 (use `simulate` against Mosquitto for more)");
            }

            int? asked = parse.GetValue(port);
            int p = asked ?? 1883;
            if (asked == null && !EmbeddedBroker.IsPortFree(p))
            {
                p = EmbeddedBroker.FreePort();
                env.Out.WriteLine("Port 1883 is taken (another broker?); the demo broker uses port " + p + ".");
            }

            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(p, loopbackOnly: false).ConfigureAwait(false);
            var s = new BrokerSettings { Host = "127.0.0.1", Port = p, Prefix = parse.GetValue(common.Prefix) ?? "nanomqtt" };
            var directory = new DeviceDirectory(s.Prefix);
            using IMqttClient monitor = await MqttConnect.ConnectAsync(s, "nanomqtt-demo", ct).ConfigureAwait(false);
            monitor.ApplicationMessageReceivedAsync += e =>
            {
                directory.Observe(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain);
                return Task.CompletedTask;
            };
            await monitor.SubscribeAsync(s.Prefix + "/#", MqttQualityOfServiceLevel.AtMostOnce, ct).ConfigureAwait(false);

            bool discovery = parse.GetValue(haDiscovery);
            var options = new SimConfigOptions { Interval = TimeSpan.FromSeconds(2), Qos = 1, DiagInterval = TimeSpan.FromSeconds(10), HaDiscovery = discovery };
            await using SimFleet fleet = FleetViews.Build(s, n, "demo", options, 0, out var plan);
            foreach (var d in plan)
            {
                fleet.Add(d.Id, d.Config, d.Secrets, d.Seed, FleetViews.LinkOptions(s));
            }

            fleet.Start();
            env.Out.WriteLine("Demo: embedded broker on port " + p + ", " + n + " simulated device(s) demo1..demo" + n + " (" + DeviceCores.Name + ").");
            env.Out.WriteLine("  See everything:   mosquitto_sub -h 127.0.0.1 -p " + p + " -t '" + s.Prefix + "/#' -v");
            env.Out.WriteLine("  Send a command:   mosquitto_pub -h 127.0.0.1 -p " + p + " -t " + s.Prefix + "/demo1/cmd/relay1 -m on");
            env.Out.WriteLine("  Or:               nanomqtt send demo1 relay1 toggle --broker 127.0.0.1:" + p);
            if (discovery)
            {
                env.Out.WriteLine("  Home Assistant:   mosquitto_sub -h 127.0.0.1 -p " + p + " -t '" + options.DiscoveryPrefix + "/#' -v   (the discovery configs)");
            }

            env.Out.Flush();

            var clock = Stopwatch.StartNew();
            TimeSpan? stopAfter = parse.GetValue(duration);
            string roundTrip = "pending";
            bool roundTripOk = false;
            Task commandTask = Task.Run(async () =>
            {
                // Wait for demo1 to be online, then toggle its relay and show the answer.
                var deadline = Stopwatch.StartNew();
                while (directory.Get("demo1")?.Status != "online" && deadline.Elapsed < TimeSpan.FromSeconds(15))
                {
                    await Task.Delay(100, ct).ConfigureAwait(false);
                }

                using IMqttClient sender = await MqttConnect.ConnectAsync(s, "nanomqtt-demo-send", ct).ConfigureAwait(false);
                CommandReply reply = await CommandSender.SendAsync(sender, s.Prefix, "demo1", "relay1", "toggle", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
                roundTripOk = reply.Outcome == CommandOutcome.Ok;
                roundTrip = "send demo1 relay1 toggle -> " + (reply.Outcome == CommandOutcome.Ok ? "ok" + (reply.State != null ? " (state " + reply.State + ")" : "")
                    : reply.Outcome == CommandOutcome.Timeout ? "no answer within 5 s" : "error: " + (reply.Code ?? reply.Payload)) + " in " + Durations.Format(reply.Elapsed);
            }, ct);

            if (env.Interactive)
            {
                await env.Console.Live(View(directory, roundTrip, clock.Elapsed)).StartAsync(async live =>
                {
                    await FleetViews.RunForAsync(stopAfter, ct, () =>
                    {
                        live.UpdateTarget(View(directory, roundTrip, clock.Elapsed));
                        return Task.CompletedTask;
                    }, TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                bool shown = false;
                await FleetViews.RunForAsync(stopAfter, ct, () =>
                {
                    if (!shown && commandTask.IsCompleted)
                    {
                        shown = true;
                        env.Console.Write(View(directory, roundTrip, clock.Elapsed));
                    }

                    return Task.CompletedTask;
                }, TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
            }

            try
            {
                await commandTask.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Stopped before the round trip finished.
            }

            await fleet.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            await WaitAsync(() => directory.Devices.All(d => d.Status == "offline"), TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            env.Console.Write(View(directory, roundTrip, clock.Elapsed));
            IReadOnlyList<DeviceInfo> seen = directory.Devices;
            env.Out.WriteLine("Summary: " + seen.Count + "/" + n + " device(s) seen, " + seen.Count(d => d.Status == "offline") + " published offline on the way out; " + roundTrip + ".");
            if (seen.Count == 0)
            {
                env.Err.WriteLine("nanomqtt: no simulated device came online");
                return ExitCodes.Failure;
            }

            return roundTripOk || ct.IsCancellationRequested ? ExitCodes.Ok : ExitCodes.CommandTimeout;
        });
        return cmd;
    }

    private static IRenderable View(DeviceDirectory directory, string roundTrip, TimeSpan elapsed)
    {
        IReadOnlyList<DeviceInfo> devices = directory.Devices;
        string[] streams = devices.SelectMany(d => d.Readings.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToArray();
        var table = new Table().Border(TableBorder.Rounded).Title("nanomqtt demo — " + (int)elapsed.TotalSeconds + " s");
        table.AddColumn("device");
        table.AddColumn("status");
        foreach (string stream in streams)
        {
            table.AddColumn(Markup.Escape(stream));
        }

        foreach (DeviceInfo d in devices)
        {
            var cells = new List<string>
            {
                Markup.Escape(d.Id),
                d.Status == "online" ? "[green]online[/]" : d.Status == "offline" ? "[red]offline[/]" : Markup.Escape(d.Status ?? "…")
            };
            cells.AddRange(streams.Select(k => Markup.Escape(d.Readings.TryGetValue(k, out string v) ? v : "")));
            table.AddRow(cells.ToArray());
        }

        table.Caption("command round trip: " + Markup.Escape(roundTrip));
        return table;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        while (!condition() && sw.Elapsed < limit)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }
    }
}
