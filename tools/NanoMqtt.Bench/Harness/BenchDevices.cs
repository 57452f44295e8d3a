using NanoMqtt.Core.Connection;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;

namespace NanoMqtt.Bench.Harness;

/// <summary>
/// What a benchmark device runs: one BH1750 ("light"), so one telemetry message per interval. Diag is pushed
/// out of the way (1 h) so the message rate is the telemetry rate the figure names.
/// </summary>
public sealed class BenchDeviceOptions : TestDeviceConfig
{
    public BenchDeviceOptions()
    {
        Protocol = 3;
        Tls = false;
        KeepAlive = "30s";
        ConnectTimeout = "10s";
        BackoffBase = "1000ms";
        BackoffCap = "60000ms";
        BackoffMultiplier = 2;
        BackoffStable = "60s";
        SessionLossSpread = "15000ms";
        DiagInterval = "3600s";
        Sensor = "light";
        SensorType = "bh1750";
        Interval = "1000ms";
        Qos = 1;
    }
}

/// <summary>
/// Simulated devices for the scenarios: the firmware's <see cref="FieldDevice"/> (through the simulator's
/// <see cref="FieldDeviceCore"/>) on a <see cref="SimFleet"/>, i.e. an MQTTnet link, a simulated board
/// and the DeviceHost that `nanomqtt simulate` uses.
/// </summary>
public static class BenchDevices
{
    public static SimFleet NewFleet(int threads = 0) => new SimFleet(FieldDeviceCore.Create, threads);

    public static SimulatedDevice Add(SimFleet fleet, string id, string host, int port, TestDeviceConfig o, int seed)
    {
        TestDeviceConfig c = o.Clone();
        c.Host = host;
        c.Port = port;
        return fleet.Add(id, c.Text(id), "", seed);
    }

    public static FieldDeviceCore CoreOf(SimulatedDevice d) => d.Core as FieldDeviceCore;

    public static bool IsOnline(SimulatedDevice d)
    {
        FieldDeviceCore core = CoreOf(d);
        return core != null && core.Device.Supervisor.State == ConnectionState.Online;
    }

    /// <summary>Waits until every device is online; returns how many are.</summary>
    public static async Task<int> WaitOnlineAsync(IReadOnlyList<SimulatedDevice> devices, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        int online = 0;
        while (DateTime.UtcNow < deadline)
        {
            online = devices.Count(IsOnline);
            if (online == devices.Count)
            {
                return online;
            }

            string boot = devices.Select(d => d.BootError).FirstOrDefault(e => e != null);
            if (boot != null)
            {
                throw new InvalidOperationException("a bench device refused its config: " + boot);
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return online;
    }
}
