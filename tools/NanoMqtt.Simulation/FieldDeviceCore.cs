using NanoMqtt.Core.Config;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Device;
using NanoMqtt.Simulation.Hardware;
using NanoMqtt.HomeAssistant;
using NanoMqtt.Sleep;

namespace NanoMqtt.Simulation;

/// <summary>
/// The firmware's own composition root, <see cref="FieldDevice"/>, on the simulator's ports: the very
/// code that runs on the board, with an MQTTnet link and simulated sensors.
/// </summary>
public sealed class FieldDeviceCore : IDeviceCore
{
    private FieldDeviceCore(FieldDevice device)
    {
        Device = device;
    }

    public FieldDevice Device { get; }

    /// <summary>Parses the device's nf.config and nf.secrets texts and builds it; matches <see cref="DeviceCoreFactory"/>.</summary>
    public static IDeviceCore Create(SimulatedDevice d, out string error)
    {
        return Build(d, null, null, out error);
    }

    /// <summary>
    /// Builds the device with <paramref name="link"/> as the MQTT link the core sees (a test's wrapper in
    /// front of <see cref="SimulatedDevice.Link"/> that records what the core hands it); null is the simulator's link.
    /// </summary>
    public static FieldDeviceCore Create(SimulatedDevice d, IMqttLink link, out string error)
    {
        return Build(d, link, null, out error);
    }

    /// <summary>
    /// A factory that changes the parsed config before the device is built: for settings that nf.config
    /// bounds for the field but a test compresses (a sleep interval of seconds), or turns on for every
    /// simulated device (Home Assistant discovery).
    /// </summary>
    public static DeviceCoreFactory WithConfig(Action<DeviceConfig> adjust)
    {
        return (SimulatedDevice d, out string error) => Build(d, null, adjust, out error);
    }

    private static FieldDeviceCore Build(SimulatedDevice d, IMqttLink link, Action<DeviceConfig> adjust, out string error)
    {
        DeviceConfig config = DeviceConfig.Parse(d.ConfigText, d.SecretsText, out error);
        if (config == null)
        {
            return null;
        }

        adjust?.Invoke(config);

        var ports = new DevicePorts
        {
            Mqtt = link ?? d.Link,
            Network = d.Network,
            Clock = d.Clock,
            Jitter = d.Jitter,
            Settings = d.Settings,
            Platform = d.Platform,
            Hardware = d.Hardware,
            SensorKinds = SimSensorKinds.Create(d.Hardware.Environment),
            // Battery mode ([power] mode = sleep) composes the sleep library; always-on devices create none of it.
            Sleep = config.SleepMode ? new DeepSleepMode(d.Sleeper) : null,
            // FieldDevice starts discovery only when the config asks, or to retract an earlier announcement.
            HomeAssistant = new HomeAssistantDiscovery()
        };
        return new FieldDeviceCore(new FieldDevice(config, ports));
    }

    public long Step(long nowMs) => Device.Step(nowMs);

    /// <summary>Starts the planned stop: `offline` is published and confirmed over the next steps.</summary>
    public void Shutdown() => Device.Supervisor.Shutdown(null);

    public bool IsStopped => Device.Supervisor.State == ConnectionState.Stopped;

    /// <summary>A snapshot of the core's counters (read from another thread: approximate while running).</summary>
    public DeviceCounters Counters
    {
        get
        {
            ConnectionSupervisor s = Device.Supervisor;
            return new DeviceCounters
            {
                Online = s.IsOnline,
                Published = s.Stats.Accepted,
                Acknowledged = s.Outbox.Delivered,
                Dropped = s.Outbox.Dropped + s.Outbox.Expired,
                Reconnects = s.Stats.Reconnects,
                CommandsApplied = Device.Commands.Applied
            };
        }
    }
}
