using System.CommandLine;
using System.Diagnostics;
using MQTTnet;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Simulation;
using Spectre.Console;

namespace NanoMqtt.Tools.Commands;

/// <summary>
/// `nanomqtt simulate --devices N`: a fleet of simulated devices against a real broker. `--sleep` runs them
/// in battery mode (one wake per interval, deep sleep in between), `--ha-discovery` makes them announce
/// themselves to Home Assistant: both without a board.
/// </summary>
public static class SimulateCommand
{
    public static Command Create(CliEnv env, CommonOptions common)
    {
        var devices = new Option<int>("--devices", "-n") { Description = "How many devices", Required = true };
        var interval = new Option<TimeSpan>("--interval", "-i") { Description = "Sensor interval", DefaultValueFactory = _ => TimeSpan.FromSeconds(1), CustomParser = Durations.Parse };
        var qos = new Option<int>("--qos", "-q") { Description = "QoS of telemetry: 0 or 1", DefaultValueFactory = _ => 1 };
        var idPrefix = new Option<string>("--id-prefix") { Description = "Device ids are PREFIX1, PREFIX2...", DefaultValueFactory = _ => "sim" };
        var duration = new Option<TimeSpan?>("--duration", "-d") { Description = "Stop after this long (default: until Ctrl+C)", CustomParser = r => Durations.Parse(r) };
        var json = new Option<bool>("--json") { Description = "Print one JSON summary at the end instead of the live table" };
        var protocol = new Option<string>("--protocol") { Description = "MQTT protocol: 3.1.1 or 5", DefaultValueFactory = _ => "3.1.1" };
        var threads = new Option<int>("--threads") { Description = "Threads that step the devices (default: one per core)" };
        var ramp = new Option<TimeSpan?>("--ramp") { Description = "Start the devices over this long (default: 1,000 per second)", CustomParser = r => Durations.Parse(r) };
        var sleep = new Option<TimeSpan?>("--sleep")
        {
            Description = "Battery mode ([power] mode = sleep): wake every INTERVAL (10s to 24h), read, publish, take waiting commands, say `sleeping`, deep-sleep",
            CustomParser = r => Durations.Parse(r)
        };
        var awakeMax = new Option<TimeSpan?>("--awake-max")
        {
            Description = "With --sleep: the longest a wake may last, broker or no broker (5s to 10m, shorter than --sleep; default 30s, or half of --sleep if shorter)",
            CustomParser = r => Durations.Parse(r)
        };
        var haDiscovery = new Option<bool>("--ha-discovery")
        {
            Description = "Home Assistant MQTT discovery ([homeassistant] discovery = true): retained configs under homeassistant/<component>/<prefix>_<id>/<name>/config"
        };
        var bindings = new Option<bool>("--bindings")
        {
            Description = "Add stand-ins of the worked nanoFramework.IoT.Device binding examples: a DS18B20 (sensor tank, type ds18b20) and an SCD4x (sensor room, type scd4x: co2, temperature, humidity)"
        };
        var cmd = new Command("simulate", "Run N simulated devices (the firmware core with simulated sensors) against a broker, always on or in battery mode (--sleep), optionally announced to Home Assistant (--ha-discovery).")
        {
            devices, interval, qos, idPrefix, duration, json, protocol, threads, ramp, sleep, awakeMax, haDiscovery, bindings
        };

        cmd.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(devices);
            if (n < 1 || n > 100_000)
            {
                throw new CliException(ExitCodes.BadArgument, "--devices must be 1-100000");
            }

            int q = parse.GetValue(qos);
            if (q != 0 && q != 1)
            {
                throw new CliException(ExitCodes.BadArgument, "--qos must be 0 or 1");
            }

            string proto = parse.GetValue(protocol);
            if (proto != "3.1.1" && proto != "5")
            {
                throw new CliException(ExitCodes.BadArgument, "--protocol must be 3.1.1 or 5");
            }

            string prefix = parse.GetValue(idPrefix);
            if (Topics.CheckSegment(prefix + "1", "--id-prefix") is string problem)
            {
                throw new CliException(ExitCodes.BadArgument, problem);
            }

            TimeSpan every = parse.GetValue(interval);
            if (every < TimeSpan.FromMilliseconds(100))
            {
                throw new CliException(ExitCodes.BadArgument, "--interval must be at least 100ms");
            }

            TimeSpan? sleepEvery = parse.GetValue(sleep);
            TimeSpan? awakeAsked = parse.GetValue(awakeMax);
            TimeSpan awake = CheckSleep(sleepEvery, awakeAsked);

            BrokerSettings s = common.Resolve(parse);

            // One connection first: a wrong host or password is one clear line, not N devices retrying.
            using (IMqttClient probe = await MqttConnect.ConnectAsync(s, "nanomqtt-simulate", ct).ConfigureAwait(false))
            {
                await probe.DisconnectAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }

            var options = new SimConfigOptions
            {
                // In battery mode a sensor samples at most once per wake: its interval is at least awake_max (docs/power.md).
                Interval = sleepEvery != null && every < awake ? awake : every,
                Qos = q,
                ProtocolVersion = proto == "5" ? 5 : 3,
                SleepInterval = sleepEvery,
                AwakeMax = awake,
                HaDiscovery = parse.GetValue(haDiscovery),
                Bindings = parse.GetValue(bindings)
            };
            await using SimFleet fleet = FleetViews.Build(s, n, prefix, options, parse.GetValue(threads), out var plan);
            bool asJson = parse.GetValue(json);
            TimeSpan rampOver = parse.GetValue(ramp) ?? TimeSpan.FromMilliseconds(n);
            var clock = Stopwatch.StartNew();
            fleet.Start();
            if (!asJson)
            {
                env.Out.WriteLine("Simulating " + n + " device(s) (" + DeviceCores.Name + ") against " + s.Endpoint + ", ids " + prefix + "1.." + prefix + n + ". Ctrl+C to stop.");
                if (sleepEvery is TimeSpan wakeEvery)
                {
                    env.Out.WriteLine("Battery mode: a wake every " + Durations.Format(wakeEvery) + ", at most " + Durations.Format(awake) +
                        " awake; between wakes a device is asleep and its status says `sleeping`.");
                }

                if (options.HaDiscovery)
                {
                    env.Out.WriteLine("Home Assistant discovery: retained configs under " + options.DiscoveryPrefix + "/<component>/" + s.Prefix + "_<id>/<name>/config.");
                }
            }

            Task adding = AddOverAsync(fleet, plan, FleetViews.LinkOptions(s), rampOver, ct);
            TimeSpan? stopAfter = parse.GetValue(duration);
            if (!asJson && env.Interactive)
            {
                await env.Console.Live(FleetViews.Table(fleet.Devices, 15, "nanomqtt simulate")).StartAsync(async live =>
                {
                    await FleetViews.RunForAsync(stopAfter, ct, () =>
                    {
                        live.UpdateTarget(FleetViews.Table(fleet.Devices, 15, "nanomqtt simulate — " + (int)clock.Elapsed.TotalSeconds + " s"));
                        return Task.CompletedTask;
                    }, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                long lastLine = 0;
                await FleetViews.RunForAsync(stopAfter, ct, () =>
                {
                    if (!asJson && clock.ElapsedMilliseconds - lastLine >= 5000)
                    {
                        lastLine = clock.ElapsedMilliseconds;
                        env.Out.WriteLine(FleetViews.StatusLine(fleet.Devices, clock.Elapsed));
                    }

                    return Task.CompletedTask;
                }, TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
            }

            try
            {
                await adding.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            FleetViews.Totals beforeStop = FleetViews.Sum(fleet.Devices);
            int onlineBeforeStop = beforeStop.Online;

            // Devices publish `offline` and disconnect, each on its own thread.
            await fleet.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            TimeSpan elapsed = clock.Elapsed;
            if (asJson)
            {
                env.Out.WriteLine(FleetViews.SummaryJson(fleet.Devices, elapsed, s.Endpoint, fleet.Host, onlineBeforeStop, beforeStop.Asleep));
            }
            else
            {
                env.Console.Write(FleetViews.Table(fleet.Devices, 15, "nanomqtt simulate — stopped after " + (int)elapsed.TotalSeconds + " s"));
                int asleep = FleetViews.Sum(fleet.Devices).Asleep;
                env.Out.WriteLine(asleep == 0 ? "All devices published offline and disconnected."
                    : "The awake devices published offline and disconnected; " + asleep + " asleep device(s) keep their retained `sleeping` status.");
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The awake bound for --sleep (the bounds of nf.config's [sleep] section); throws a usage error when the pair is unusable.</summary>
    public static TimeSpan CheckSleep(TimeSpan? sleepEvery, TimeSpan? awakeAsked)
    {
        if (sleepEvery is not TimeSpan every)
        {
            if (awakeAsked != null)
            {
                throw new CliException(ExitCodes.BadArgument, "--awake-max needs --sleep");
            }

            return TimeSpan.FromSeconds(30);
        }

        if (every < TimeSpan.FromSeconds(10) || every > TimeSpan.FromHours(24))
        {
            throw new CliException(ExitCodes.BadArgument, "--sleep must be 10s to 24h, as [sleep] interval in nf.config");
        }

        TimeSpan half = TimeSpan.FromTicks(every.Ticks / 2);
        TimeSpan awake = awakeAsked ?? (half < TimeSpan.FromSeconds(30) ? (half < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : half) : TimeSpan.FromSeconds(30));
        if (awake < TimeSpan.FromSeconds(5) || awake > TimeSpan.FromMinutes(10) || awake >= every)
        {
            throw new CliException(ExitCodes.BadArgument, "--awake-max must be 5s to 10m and shorter than --sleep (" + Durations.Format(every) + ")");
        }

        return awake;
    }

    /// <summary>Adds the devices evenly over the ramp, so a big fleet does not open every connection in the same millisecond.</summary>
    public static async Task AddOverAsync(SimFleet fleet, List<(string Id, string Config, string Secrets, int Seed)> plan, MqttnetLinkOptions linkOptions, TimeSpan ramp, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        for (int i = 0; i < plan.Count; i++)
        {
            if (ct.IsCancellationRequested)
            {
                return;
            }

            TimeSpan due = TimeSpan.FromTicks(ramp.Ticks * i / Math.Max(1, plan.Count));
            if (due > started.Elapsed + TimeSpan.FromMilliseconds(20))
            {
                await Task.Delay(due - started.Elapsed, ct).ConfigureAwait(false);
            }

            var p = plan[i];
            fleet.Add(p.Id, p.Config, p.Secrets, p.Seed, linkOptions);
        }
    }
}
