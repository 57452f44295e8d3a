using BenchmarkDotNet.Attributes;

namespace NanoMqtt.Bench.Micro;

/// <summary>
/// The core's hot paths on .NET 10 with BenchmarkDotNet's MemoryDiagnoser (bytes allocated per operation).
/// Run: dotnet run -c Release --project tools/NanoMqtt.Bench -- micro
/// </summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private HotPaths _paths;

    [GlobalSetup]
    public void Setup()
    {
        _paths = new HotPaths();
    }

    [Benchmark(Description = "reading -> payload (TelemetryEncoder.Encode)")]
    public byte[] EncodeReading() => _paths.EncodeReading();

    [Benchmark(Description = "due sample -> publish (SensorSchedule.Step, no-op publisher)")]
    public long SchedulePublish() => _paths.SchedulePublish();

    [Benchmark(Description = "plain command on/off (CommandRouter.OnMessage)")]
    public void RoutePlainCommand() => _paths.RoutePlainCommand();

    [Benchmark(Description = "JSON command with id (CommandRouter.OnMessage)")]
    public void RouteJsonCommand() => _paths.RouteJsonCommand();

    [Benchmark(Description = "outbox enqueue + dequeue + ack (Outbox)")]
    public void OutboxRoundTrip() => _paths.OutboxRoundTrip();

    [Benchmark(Description = "QoS 1 publish online + PUBACK (ConnectionSupervisor)")]
    public void SupervisorPublishQos1() => _paths.SupervisorPublishQos1();
}
