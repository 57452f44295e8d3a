using System.Globalization;
using System.Text;

namespace NanoMqtt.Simulation;

/// <summary>What a fleet of simulated devices shares; each device gets its own id and seed.</summary>
public sealed class SimConfigOptions
{
    public string Prefix = "nanomqtt";
    public string BrokerHost = "127.0.0.1";
    public int BrokerPort = 1883;
    public string User;
    public string Password;
    public bool Tls;
    /// <summary>3 (MQTT 3.1.1) or 5.</summary>
    public int ProtocolVersion = 3;
    public TimeSpan Interval = TimeSpan.FromSeconds(1);
    public int Qos = 1;
    public TimeSpan KeepAlive = TimeSpan.FromSeconds(30);
    public TimeSpan DiagInterval = TimeSpan.FromSeconds(60);
    public TimeSpan BackoffBase = TimeSpan.FromSeconds(1);
    public TimeSpan BackoffCap = TimeSpan.FromSeconds(60);
    public int OutboxMessages = 200;
    public int OutboxBytes = 16384;
    /// <summary>Adds an SHT31 ("air", 0x44) and a BH1750 ("light", 0x23) to the BME280 every device has.</summary>
    public bool AllSensors = true;

    /// <summary>Battery mode: one wake per interval, deep sleep in between ([power] mode = sleep). Null: always on.</summary>
    public TimeSpan? SleepInterval;

    /// <summary>[sleep] awake_max: the longest a wake may last. Must be shorter than <see cref="SleepInterval"/>.</summary>
    public TimeSpan AwakeMax = TimeSpan.FromSeconds(30);

    /// <summary>[homeassistant] discovery = true: the devices announce themselves to Home Assistant.</summary>
    public bool HaDiscovery;

    /// <summary>
    /// Adds the stand-ins of the two worked binding examples: a DS18B20 ("tank", type ds18b20) and an SCD4x
    /// ("room", type scd4x), run through the binding bridge (<see cref="Hardware.SimSensorKinds"/>).
    /// </summary>
    public bool Bindings;

    /// <summary>[homeassistant] prefix: Home Assistant's discovery prefix.</summary>
    public string DiscoveryPrefix = "homeassistant";
}

/// <summary>
/// Writes the nf.config and nf.secrets texts of one simulated device, in the very format (and with the
/// key names) of the repository's nf.config, so the simulator runs the same parser as the board.
/// </summary>
public static class SimConfig
{
    public static string Build(string deviceId, SimConfigOptions o)
    {
        var s = new StringBuilder();
        s.Append("# Simulated device ").Append(deviceId).Append(", written by nanomqtt\n");
        s.Append("[device]\nid = ").Append(deviceId).Append("\nprefix = ").Append(o.Prefix).Append('\n');
        s.Append("[mqtt]\nbrokers = ").Append(o.BrokerHost).Append(':').Append(o.BrokerPort).Append('\n');
        s.Append("protocol = ").Append(o.ProtocolVersion == 5 ? "5" : "3.1.1").Append('\n');
        s.Append("tls = ").Append(o.Tls ? "true" : "false").Append('\n');
        if (!string.IsNullOrEmpty(o.User))
        {
            s.Append("user = ").Append(o.User).Append('\n');
        }

        s.Append("keepalive = ").Append(Duration(o.KeepAlive)).Append('\n');
        if (o.SleepInterval is TimeSpan sleepEvery)
        {
            // The broker must keep the session (and the commands queued in it) through the sleep.
            TimeSpan expiry = TimeSpan.FromTicks(Math.Max(TimeSpan.FromHours(1).Ticks, 2 * (sleepEvery + o.AwakeMax).Ticks));
            s.Append("session_expiry = ").Append(Duration(expiry)).Append('\n');
        }

        s.Append("connect_timeout = 10s\n");
        s.Append("[backoff]\nbase = ").Append(Duration(o.BackoffBase)).Append("\ncap = ").Append(Duration(o.BackoffCap)).Append('\n');
        s.Append("[outbox]\nmax_messages = ").Append(o.OutboxMessages).Append("\nmax_bytes = ").Append(o.OutboxBytes).Append('\n');
        s.Append("[diag]\ninterval = ").Append(Duration(o.DiagInterval)).Append('\n');
        if (o.SleepInterval is TimeSpan interval)
        {
            s.Append("[power]\nmode = sleep\n");
            s.Append("[sleep]\ninterval = ").Append(Duration(interval)).Append("\nawake_max = ").Append(Duration(o.AwakeMax)).Append('\n');
        }

        if (o.HaDiscovery)
        {
            s.Append("[homeassistant]\ndiscovery = true\nprefix = ").Append(o.DiscoveryPrefix).Append('\n');
        }

        s.Append("[sensor.climate]\ntype = bme280\naddress = 0x76\ninterval = ").Append(Duration(o.Interval)).Append("\nqos = ").Append(o.Qos).Append('\n');
        if (o.AllSensors)
        {
            s.Append("[sensor.air]\ntype = sht3x\naddress = 0x44\ninterval = ").Append(Duration(o.Interval)).Append("\nqos = ").Append(o.Qos).Append('\n');
            s.Append("[sensor.light]\ntype = bh1750\naddress = 0x23\ninterval = ").Append(Duration(o.Interval)).Append("\nqos = ").Append(o.Qos).Append('\n');
        }

        if (o.Bindings)
        {
            s.Append("[sensor.tank]\ntype = ds18b20\npin = 16\ninterval = ").Append(Duration(o.Interval)).Append("\nqos = ").Append(o.Qos).Append('\n');
            s.Append("[sensor.room]\ntype = scd4x\ninterval = ").Append(Duration(o.Interval)).Append("\nqos = ").Append(o.Qos).Append('\n');
        }

        s.Append("[sensor.door]\ntype = input\npin = 4\npull_up = true\ndebounce = 50ms\nqos = ").Append(o.Qos).Append('\n');
        s.Append("[actuator.relay1]\ntype = relay\npin = 26\ninverted = true\nsafe = off\n");
        s.Append("[actuator.led]\ntype = led\npin = 2\nsafe = off\n");
        return s.ToString();
    }

    public static string Secrets(SimConfigOptions o)
    {
        return string.IsNullOrEmpty(o.Password) ? "" : "[mqtt]\npassword = " + o.Password + "\n";
    }

    /// <summary>A duration in nf.config's syntax: 500ms, 10s.</summary>
    public static string Duration(TimeSpan t)
    {
        long ms = (long)t.TotalMilliseconds;
        return ms % 1000 == 0 ? (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s" : ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }
}
