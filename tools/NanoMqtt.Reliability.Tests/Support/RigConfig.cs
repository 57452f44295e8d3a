namespace NanoMqtt.Reliability.Tests.Support;

/// <summary>
/// The nf.config of a device in the fault suite, with compressed timings: a 2 s keepalive, a backoff of
/// 500 ms growing to a 2 s cap, a 1 s stable period, and one light sensor (one telemetry stream) every
/// 200 ms at QoS 1.
/// </summary>
public sealed class RigConfig : TestDeviceConfig
{
    public RigConfig()
    {
        Protocol = 3;
        Tls = false;
        KeepAlive = "2s";
        ConnectTimeout = "2s";
        // Above the core's 250 ms floor, so that even the first retry is jittered.
        BackoffBase = "500ms";
        BackoffCap = "2s";
        BackoffMultiplier = 2;
        BackoffStable = "1s";
        OfflineReboot = "0";
        OutboxMessages = 200;
        OutboxBytes = 65536;
        OutboxExpiry = "0";
        DiagInterval = "60s";
        MaxCommandPayload = 256;
        Sensor = "light";
        SensorType = "bh1750";
        Interval = "200ms";
        Qos = 1;
        // No change limit: the suite counts applied commands exactly.
        Extra = "[actuator.relay1]\ntype = relay\npin = 26\nsafe = off\nmax_changes_per_minute = 0\n"
            + "[actuator.led]\ntype = led\npin = 2\nsafe = off\nmax_changes_per_minute = 0\n";
    }
}
