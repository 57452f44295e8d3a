using NanoMqtt.Testing;

namespace NanoMqtt.Bench.Harness;

/// <summary>
/// One time base for every timestamp of a scenario (proxy, subscriber, peers, cuts), in ms: the
/// <see cref="FaultProxy"/>'s clock, so its attempt, CONNECT and CONNACK times compare with the rest.
/// </summary>
public static class BenchClock
{
    public static long Ms => FaultProxy.NowMs;
}
