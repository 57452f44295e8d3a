using System.Globalization;
using System.Text;
using System.Text.Json;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Simulation.Hardware;

namespace NanoMqtt.Simulation;

/// <summary>
/// A deliberately small stand-in for the core's FieldDevice, used by `nanomqtt demo`/`simulate` until
/// FieldDevice exists and by the CLI's tests as a command responder. It speaks the topic scheme of
/// DESIGN.md over the real link (birth and will, telemetry, state, command results, diag) but has none
/// of the core's rules: a fixed 1-2 s retry instead of backoff, no outbox, readings taken straight from
/// the simulated environment. It is never a substitute for the core in reliability figures.
/// </summary>
public sealed class StandInCore : IDeviceCore
{
    private readonly SimulatedDevice _device;
    private readonly Topics _topics;
    private readonly string _host;
    private readonly int _port;
    private readonly string _user;
    private readonly string _password;
    private readonly bool _tls;
    private readonly int _protocol;
    private readonly long _intervalMs;
    private readonly int _qos;
    private readonly HashSet<string> _appliedIds = new HashSet<string>(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _actuators = new Dictionary<string, bool>(StringComparer.Ordinal) { ["relay1"] = false, ["led"] = false };
    private readonly JsonWriter _json = new JsonWriter(128);

    private int _state; // 0 offline, 1 connecting, 2 subscribing, 3 online
    private long _nextAttemptMs;
    private long _deadlineMs;
    private long _nextTelemetryMs;
    private long _nextDiagMs;
    private long _seq;
    private bool _everConnected;

    public StandInCore(SimulatedDevice device)
    {
        _device = device;
        IniFile ini = IniFile.Parse(device.ConfigText);
        IniFile secrets = IniFile.Parse(device.SecretsText);
        _topics = new Topics(ini.Get("device", "prefix", Topics.DefaultPrefix), ini.Get("device", "id", device.Id));
        string broker = ini.Get("mqtt", "brokers", "127.0.0.1:1883").Split(',')[0].Trim();
        int colon = broker.LastIndexOf(':');
        _host = colon > 0 ? broker[..colon] : broker;
        _port = colon > 0 ? int.Parse(broker[(colon + 1)..], CultureInfo.InvariantCulture) : 1883;
        _user = ini.Get("mqtt", "user");
        _password = secrets.Get("mqtt", "password");
        _tls = ini.Get("mqtt", "tls", "false") == "true";
        _protocol = ini.Get("mqtt", "protocol", "3.1.1") == "5" ? 5 : 3;
        _intervalMs = ParseMs(ini.Get("sensor.climate", "interval", "1s"));
        _qos = ini.Get("sensor.climate", "qos", "1") == "0" ? 0 : 1;
    }

    /// <summary>Builds a stand-in; matches <see cref="DeviceCoreFactory"/>.</summary>
    public static IDeviceCore Create(SimulatedDevice device, out string error)
    {
        try
        {
            error = null;
            return new StandInCore(device);
        }
        catch (Exception ex)
        {
            error = ex.Message;
            return null;
        }
    }

    public DeviceCounters Counters { get; } = new DeviceCounters();

    public bool IsStopped { get; private set; }

    public long Step(long nowMs)
    {
        if (IsStopped)
        {
            return nowMs + 60_000;
        }

        IMqttLink link = _device.Link;
        for (LinkEvent e = link.Poll(); e != null; e = link.Poll())
        {
            switch (e.Kind)
            {
                case LinkEventKind.Connected:
                    link.Subscribe(new[] { _topics.CommandFilter }, new[] { 1 });
                    _state = 2;
                    break;
                case LinkEventKind.Subscribed:
                    _state = 3;
                    Counters.Online = true;
                    if (_everConnected)
                    {
                        Counters.Reconnects++;
                    }

                    _everConnected = true;
                    Send(_topics.Status, "online", 1, true, null);
                    _nextTelemetryMs = nowMs;
                    _nextDiagMs = nowMs;
                    break;
                case LinkEventKind.ConnectFailed:
                case LinkEventKind.ConnectionLost:
                    GoOffline(nowMs);
                    break;
                case LinkEventKind.PublishAcked:
                    Counters.Acknowledged++;
                    break;
                case LinkEventKind.MessageReceived:
                    OnCommand(e);
                    break;
            }
        }

        if (_state == 0 && nowMs >= _nextAttemptMs)
        {
            _state = 1;
            _deadlineMs = nowMs + 10_000;
            link.BeginConnect(new ConnectRequest
            {
                Host = _host,
                Port = _port,
                UseTls = _tls,
                ClientId = _topics.DeviceId,
                Username = _user,
                Password = _password,
                ProtocolVersion = _protocol,
                KeepAliveSeconds = 30,
                WillTopic = _topics.Status,
                WillPayload = Utf8.GetBytes("offline"),
                WillRetain = true,
                WillQos = 1
            });
        }
        else if ((_state == 1 || _state == 2) && nowMs >= _deadlineMs)
        {
            link.Abort();
            GoOffline(nowMs);
        }

        if (_state == 3)
        {
            if (nowMs >= _nextTelemetryMs)
            {
                PublishReadings();
                _nextTelemetryMs = nowMs + _intervalMs;
            }

            if (nowMs >= _nextDiagMs)
            {
                PublishDiag(nowMs);
                _nextDiagMs = nowMs + 60_000;
            }

            return Math.Min(_nextTelemetryMs, _nextDiagMs);
        }

        return _state == 0 ? _nextAttemptMs : Math.Min(_deadlineMs, nowMs + 1000);
    }

    public void Shutdown()
    {
        if (_state == 3)
        {
            Send(_topics.Status, "offline", 1, true, null);
        }

        _device.Link.Disconnect();
        IsStopped = true;
        _state = 0;
        Counters.Online = false;
    }

    private void GoOffline(long nowMs)
    {
        _state = 0;
        Counters.Online = false;
        _nextAttemptMs = nowMs + 1000 + _device.Jitter.Next(1000);
    }

    private void PublishReadings()
    {
        SimEnvironment env = _device.Hardware.Environment;
        _seq++;
        Reading("climate_temperature", (long)Math.Round(env.TemperatureC * 100), 2, "C");
        Reading("climate_humidity", (long)Math.Round(env.HumidityPercent * 10), 1, "%");
        Reading("climate_pressure", (long)Math.Round(env.PressurePa / 10), 1, "hPa");
        Reading("light", (long)Math.Round(env.Lux), 0, "lx");
    }

    private void Reading(string stream, long scaled, int decimals, string unit)
    {
        _json.Reset();
        _json.BeginObject();
        _json.Name("v");
        _json.Fixed(scaled, decimals);
        _json.Name("u");
        _json.Value(unit);
        _json.Name("seq");
        _json.Value(_seq);
        long t = _device.Clock.UnixSeconds;
        if (t > 0)
        {
            _json.Name("t");
            _json.Value(t);
        }

        _json.EndObject();
        Send(_topics.Telemetry(stream), _json.ToArray(), _qos, false, null);
    }

    private void PublishDiag(long nowMs)
    {
        _json.Reset();
        _json.BeginObject();
        _json.Name("uptime");
        _json.Value(nowMs / 1000);
        _json.Name("heap");
        _json.Value(_device.Platform.FreeHeapBytes);
        _json.Name("rssi");
        _json.Value(_device.Network.Rssi);
        _json.Name("reconnects");
        _json.Value(Counters.Reconnects);
        _json.Name("reset");
        _json.Value(_device.Platform.HardwareResetReason);
        _json.Name("fw");
        _json.Value("standin");
        _json.EndObject();
        Send(_topics.Diag, _json.ToArray(), 0, true, null);
    }

    private void OnCommand(LinkEvent e)
    {
        string target = _topics.CommandTarget(e.Topic);
        if (target == null)
        {
            return;
        }

        string text = e.Payload == null ? "" : Encoding.UTF8.GetString(e.Payload).Trim();
        string id = null;
        string value = text;
        long expires = 0;
        if (text.StartsWith('{'))
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(text);
                JsonElement root = doc.RootElement;
                id = root.TryGetProperty("id", out var i) ? i.ToString() : null;
                value = root.TryGetProperty("value", out var v) ? v.ToString() : null;
                expires = root.TryGetProperty("expires", out var x) && x.ValueKind == JsonValueKind.Number ? x.GetInt64() : 0;
            }
            catch (JsonException)
            {
                Answer(e, target, null, "invalid_json", "the payload is not valid JSON");
                return;
            }
        }

        if (id != null && !_appliedIds.Add(id))
        {
            Answer(e, target, id, "duplicate", "command " + id + " was already applied");
            return;
        }

        if (expires > 0 && _device.Clock.UnixSeconds > expires)
        {
            Answer(e, target, id, "expired", "the command expired before it arrived");
            return;
        }

        if (target == "device" && value == "ping")
        {
            Counters.CommandsApplied++;
            Answer(e, target, id, null, null);
            return;
        }

        if (!_actuators.TryGetValue(target, out bool state))
        {
            Answer(e, target, id, "unknown_target", "no actuator named " + target);
            return;
        }

        bool next;
        switch (value)
        {
            case "on": next = true; break;
            case "off": next = false; break;
            case "toggle": next = !state; break;
            default:
                Answer(e, target, id, "invalid_value", "expected on, off or toggle");
                return;
        }

        _actuators[target] = next;
        _device.Hardware.OpenOutput(target == "led" ? 2 : 26)?.Write(target == "led" ? next : !next);
        Counters.CommandsApplied++;
        Send(_topics.State(target), next ? "on" : "off", 1, true, null);
        Answer(e, target, id, null, null);
    }

    private void Answer(LinkEvent command, string target, string id, string code, string reason)
    {
        _json.Reset();
        _json.BeginObject();
        if (id != null)
        {
            _json.Name("id");
            _json.Value(id);
        }

        _json.Name("ok");
        _json.Value(code == null);
        if (code != null)
        {
            _json.Name("code");
            _json.Value(code);
            _json.Name("reason");
            _json.Value(reason);
        }

        _json.EndObject();
        string topic = command.ResponseTopic ?? _topics.CommandResult(target);
        Send(topic, _json.ToArray(), 1, false, command.CorrelationData);
    }

    private void Send(string topic, string text, int qos, bool retain, byte[] correlation)
    {
        Send(topic, Encoding.UTF8.GetBytes(text), qos, retain, correlation);
    }

    private void Send(string topic, byte[] payload, int qos, bool retain, byte[] correlation)
    {
        if (_device.Link.Publish(topic, payload, qos, retain, correlation) >= 0)
        {
            Counters.Published++;
        }
        else
        {
            Counters.Dropped++;
        }
    }

    private static long ParseMs(string text)
    {
        text = text.Trim();
        if (text.EndsWith("ms", StringComparison.Ordinal))
        {
            return long.Parse(text[..^2], CultureInfo.InvariantCulture);
        }

        char unit = text[^1];
        double n = char.IsDigit(unit) ? double.Parse(text, CultureInfo.InvariantCulture) : double.Parse(text[..^1], CultureInfo.InvariantCulture);
        return (long)(n * (unit == 'm' ? 60_000 : unit == 'h' ? 3_600_000 : 1000));
    }
}
