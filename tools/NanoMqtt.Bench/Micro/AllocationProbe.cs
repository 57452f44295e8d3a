using System.Diagnostics;
using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Bench.Micro;

/// <summary>Bytes allocated and time per operation, measured in-process (no BenchmarkDotNet).</summary>
public sealed record ProbeResult(string Name, double BytesPerOp, double NsPerOp, long Ops);

/// <summary>
/// A quick in-process measure of the hot paths (GC.GetAllocatedBytesForCurrentThread over many operations
/// after a warm-up), and of each allocation site inside them, so a figure can be traced to a line of the
/// core. BenchmarkDotNet (`micro`) gives the authoritative numbers; this one runs in a second (`micro --tiny`).
/// </summary>
public static class AllocationProbe
{
    public static IReadOnlyList<ProbeResult> HotPaths(int ops)
    {
        var p = new HotPaths();
        return new[]
        {
            Measure("reading -> payload (TelemetryEncoder.Encode)", ops, () => p.EncodeReading()),
            Measure("due sample -> publish (SensorSchedule.Step, no-op publisher)", ops, () => p.SchedulePublish()),
            Measure("plain command on/off (CommandRouter.OnMessage)", ops, p.RoutePlainCommand),
            Measure("JSON command with id (CommandRouter.OnMessage)", ops, p.RouteJsonCommand),
            Measure("outbox enqueue + dequeue + ack (Outbox)", ops, p.OutboxRoundTrip),
            Measure("QoS 1 publish online + PUBACK (ConnectionSupervisor)", ops, p.SupervisorPublishQos1),
        };
    }

    /// <summary>Each allocating call found inside the hot paths, measured alone: where the bytes above come from.</summary>
    public static IReadOnlyList<ProbeResult> Sites(int ops)
    {
        var topics = new Topics("nanomqtt", "dev1");
        var writer = new JsonWriter(64);
        writer.BeginObject();
        writer.Name("v");
        writer.Fixed(2137, 2);
        writer.EndObject();
        byte[] on = Utf8.GetBytes("on");
        byte[] payload = new byte[43];
        string cmdTopic = topics.Command("relay1");
        var parser = new CommandParser(256);
        var command = new Command();
        string json = "{\"id\":\"c0001\",\"value\":\"on\"}";
        // The router decodes a payload into chars and parses those (a string is copied to be read).
        char[] plainChars = "on".ToCharArray();
        char[] jsonChars = json.ToCharArray();
        char[] onState = "on".ToCharArray();
        return new[]
        {
            Measure("JsonWriter.ToArray (the 35-byte payload array)", ops, () => { var w = new byte[35]; GC.KeepAlive(w); }),
            Measure("Topics.CommandTargetStart(topic) (no cut)", ops, () => topics.CommandTargetStart(cmdTopic)),
            Measure("Utf8.GetString(\"on\" payload)", ops, () => Utf8.GetString(on, 0, on.Length)),
            Measure("CommandParser.Parse(chars of plain \"on\")", ops, () => parser.Parse(plainChars, plainChars.Length, command)),
            Measure("CommandParser.Parse(chars of {\"id\":..,\"value\":\"on\"})", ops, () => parser.Parse(jsonChars, jsonChars.Length, command)),
            Measure("ActuatorValue.TryParse(\"on\") (Trim, ToLower)", ops, () => ActuatorValue.TryParse("on", out _, out _)),
            Measure("Topics.State(\"relay1\") (concat per publish)", ops, () => topics.State("relay1")),
            Measure("ActuatorBank relay state payload (Utf8 of chars)", ops, () => Utf8.GetBytes(onState)),
            Measure("Topics.CommandResult(\"relay1\") (concat per answer)", ops, () => topics.CommandResult("relay1")),
        };
    }

    public static ProbeResult Measure(string name, int ops, Action op)
    {
        for (int i = 0; i < Math.Min(ops, 2000); i++)
        {
            op();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < ops; i++)
        {
            op();
        }

        watch.Stop();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        return new ProbeResult(name, (double)bytes / ops, watch.Elapsed.TotalMilliseconds * 1e6 / ops, ops);
    }
}
