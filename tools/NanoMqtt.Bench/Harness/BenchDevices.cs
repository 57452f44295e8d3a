using System.Globalization;
using NanoMqtt.Core.Connection;
using NanoMqtt.Simulation;

namespace NanoMqtt.Bench.Harness;

/// <summary>What a benchmark device runs: one BH1750 ("light"), so one telemetry message per interval.</summary>
public sealed class BenchDeviceOptions
{
    public string Prefix = "nanomqtt";
    public int IntervalMs = 1000;
    public int Qos = 1;
    public int KeepAliveSeconds = 30;
    public int BackoffBaseMs = 1000;
    public int BackoffCapMs = 60000;
    public int SessionLossSpreadMs = 15000;

    /// <summary>Diag is pushed out of the way (1 h) so the message rate is the telemetry rate the figure names.</summary>
    public int DiagIntervalSeconds = 3600;
}

/// <summary>
/// Simulated devices for the scenarios: the firmware's <see cref="FieldDevice"/> (through the simulator's
/// <see cref="FieldDeviceCore"/>) on a <see cref="SimFleet"/>, i.e. an MQTTnet link, a simulated board
/// and the DeviceHost that `nanomqtt simulate` uses.
/// </summary>
public static class BenchDevices
{
    public static string Config(string id, string host, int port, BenchDeviceOptions o)
    {
        string I(long v) => v.ToString(CultureInfo.InvariantCulture);
        return "[device]\nid = " + id + "\nprefix = " + o.Prefix + "\n"
            + "[mqtt]\nbrokers = " + host + ":" + I(port) + "\nprotocol = 3.1.1\ntls = false\nkeepalive = " + I(o.KeepAliveSeconds) + "s\nconnect_timeout = 10s\n"
            + "[backoff]\nbase = " + I(o.BackoffBaseMs) + "ms\ncap = " + I(o.BackoffCapMs) + "ms\nmultiplier = 2\nstable = 60s\nsession_loss_spread = " + I(o.SessionLossSpreadMs) + "ms\n"
            + "[diag]\ninterval = " + I(o.DiagIntervalSeconds) + "s\n"
            + "[sensor.light]\ntype = bh1750\naddress = 0x23\ninterval = " + I(o.IntervalMs) + "ms\nqos = " + I(o.Qos) + "\n";
    }

    public static SimFleet NewFleet(int threads = 0) => new SimFleet(FieldDeviceCore.Create, threads);

    public static SimulatedDevice Add(SimFleet fleet, string id, string host, int port, BenchDeviceOptions o, int seed)
    {
        return fleet.Add(id, Config(id, host, port, o), "", seed);
    }

    public static FieldDeviceCore CoreOf(SimulatedDevice d) => d.Core as FieldDeviceCore;

    public static bool IsOnline(SimulatedDevice d)
    {
        FieldDeviceCore core = CoreOf(d);
        return core != null && core.Device.State == ConnectionState.Online;
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
