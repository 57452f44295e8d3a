using System.Text;

namespace NanoMqtt.Reliability.Tests.Support;

/// <summary>
/// The nf.config of a device in the fault suite, with compressed timings: a 2 s keepalive, a backoff of
/// 500 ms growing to a 2 s cap, a 1 s stable period, and one light sensor (one telemetry stream) every
/// 200 ms at QoS 1. The texts go through the firmware's own parser, as on the board.
/// </summary>
public sealed class RigConfig
{
    public string Prefix = "nanomqtt";
    public string Host = "127.0.0.1";
    public int Port = 1883;
    public bool Tls;
    public string User;
    public string Password;
    public string ClientId;
    public int Protocol = 3;
    public string KeepAlive = "2s";
    public string ConnectTimeout = "2s";

    /// <summary>Ceiling of the first delay. Above the core's 250 ms floor, so that even the first retry is jittered.</summary>
    public string BackoffBase = "500ms";
    public string BackoffCap = "2s";
    public string BackoffStable = "1s";
    public int OutboxMessages = 200;
    public int OutboxBytes = 65536;
    public string OutboxExpiry = "0";
    public string DiagInterval = "60s";

    /// <summary>Name of the one BH1750 sensor (stream = topic level); null for a device without sensors.</summary>
    public string Sensor = "light";
    public string Interval = "200ms";
    public int Qos = 1;
    public int MaxCommandPayload = 256;

    public RigConfig Clone() => (RigConfig)MemberwiseClone();

    public string Text(string deviceId)
    {
        var s = new StringBuilder();
        s.Append("# fault suite device ").Append(deviceId).Append('\n');
        s.Append("[device]\nid = ").Append(deviceId).Append("\nprefix = ").Append(Prefix).Append('\n');
        s.Append("[mqtt]\nbrokers = ").Append(Host).Append(':').Append(Port).Append('\n');
        s.Append("protocol = ").Append(Protocol == 5 ? "5" : "3.1.1").Append('\n');
        s.Append("tls = ").Append(Tls ? "true" : "false").Append('\n');
        if (User != null)
        {
            s.Append("user = ").Append(User).Append('\n');
        }

        if (ClientId != null)
        {
            s.Append("client_id = ").Append(ClientId).Append('\n');
        }

        s.Append("keepalive = ").Append(KeepAlive).Append('\n');
        s.Append("connect_timeout = ").Append(ConnectTimeout).Append('\n');
        s.Append("[backoff]\nbase = ").Append(BackoffBase).Append("\ncap = ").Append(BackoffCap)
            .Append("\nmultiplier = 2\nstable = ").Append(BackoffStable).Append('\n');
        s.Append("[watchdog]\noffline_reboot = 0\n");
        s.Append("[outbox]\nmax_messages = ").Append(OutboxMessages).Append("\nmax_bytes = ").Append(OutboxBytes)
            .Append("\nexpiry = ").Append(OutboxExpiry).Append('\n');
        s.Append("[diag]\ninterval = ").Append(DiagInterval).Append('\n');
        s.Append("[commands]\nmax_payload = ").Append(MaxCommandPayload).Append('\n');
        if (Sensor != null)
        {
            s.Append("[sensor.").Append(Sensor).Append("]\ntype = bh1750\naddress = 0x23\ninterval = ").Append(Interval)
                .Append("\nqos = ").Append(Qos).Append('\n');
        }

        // No change limit: the suite counts applied commands exactly.
        s.Append("[actuator.relay1]\ntype = relay\npin = 26\nsafe = off\nmax_changes_per_minute = 0\n");
        s.Append("[actuator.led]\ntype = led\npin = 2\nsafe = off\nmax_changes_per_minute = 0\n");
        return s.ToString();
    }

    public string Secrets() => Password == null ? "" : "[mqtt]\npassword = " + Password + "\n";
}
