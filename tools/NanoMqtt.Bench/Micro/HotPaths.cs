using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;
using NanoMqtt.Core.Sensors;
using NanoMqtt.Testing;

namespace NanoMqtt.Bench.Micro;

/// <summary>
/// The core's hot paths, set up once and run one operation per call, shared by the BenchmarkDotNet
/// classes and the quick allocation probe (`micro --tiny`). Everything around the core is a no-op fake,
/// so what is measured is the core's own work and allocation.
/// </summary>
public sealed class HotPaths
{
    public const long WallTime = 1764070000;

    private readonly FakeClock _clock = new FakeClock { NowMs = 1000, UnixSeconds = WallTime };
    private readonly NoOpPublisher _publisher = new NoOpPublisher();
    private readonly TelemetryEncoder _encoder;
    private readonly SensorSchedule _schedule;
    private readonly CommandRouter _router;
    private readonly LinkEvent[] _plain;
    private readonly LinkEvent[] _json;
    private readonly Outbox _outbox;
    private readonly string _outboxTopic;
    private readonly byte[] _outboxPayload;
    private readonly ConnectionSupervisor _supervisor;
    private readonly FakeLink _link = new FakeLink();
    private readonly string _telemetryTopic;

    // The unit as a stream keeps it (TelemetryStream.UnitChars): a string unit is copied to be read.
    private long _seq;
    private int _next;

    public HotPaths()
    {
        var topics = new Topics("nanomqtt", "dev1");
        Topics = topics;
        _encoder = new TelemetryEncoder(_clock);

        _schedule = new SensorSchedule(_publisher, topics, _clock, null, null);
        var sensorOptions = new SensorOptions("climate") { IntervalMs = SensorSchedule.MinIntervalMs };
        Check(_schedule.Add(new FakeTemperatureSensor(), sensorOptions));

        var bank = new ActuatorBank(_publisher, topics);
        var relay = new ActuatorOptions { Name = "relay1", Kind = ActuatorKind.Relay, MaxChanges = 0 };
        Check(relay.Validate());
        Check(bank.Add(new Actuator(relay, new FakeOutput()), 0));
        _router = new CommandRouter(topics, _publisher, _clock, bank, null, new CommandRouterOptions());
        string cmd = topics.Command("relay1");
        _plain = new[] { Inbound(cmd, "on"), Inbound(cmd, "off") };
        _json = new LinkEvent[1024];
        for (int i = 0; i < _json.Length; i++)
        {
            _json[i] = Inbound(cmd, "{\"id\":\"c" + i.ToString("0000") + "\",\"value\":\"" + (i % 2 == 0 ? "on" : "off") + "\"}");
        }

        _outbox = new Outbox(new OutboxOptions());
        _outboxTopic = topics.Telemetry("climate");
        _outboxPayload = _encoder.Encode(2137, 2, 42);

        _telemetryTopic = topics.Telemetry("climate");
        var options = new SupervisorOptions { Endpoints = new[] { new BrokerEndpoint("127.0.0.1", 1883, false) }, KeepAliveSeconds = 0, WatchdogMs = 0 };
        _supervisor = new ConnectionSupervisor(options, _link, new UpNetwork(), _clock, new ZeroJitter(), new RebootKeeper(new NullStore(), new NullPlatform()),
            topics, new[] { topics.CommandFilter }, new[] { 1 });
        for (int i = 0; i < 10 && _supervisor.State != ConnectionState.Online; i++)
        {
            _supervisor.Step(_clock.NowMs);
        }

        if (_supervisor.State != ConnectionState.Online)
        {
            throw new InvalidOperationException("the supervisor did not come online over the fake link: " + _supervisor.State);
        }
    }

    public Topics Topics { get; }

    public long Published => _publisher.Count;

    public long RouterApplied => _router.Applied;

    public long RouterRefused => _router.Refused;

    public long OutboxDelivered => _outbox.Delivered;

    public long SupervisorSent => _link.Sent;

    /// <summary>A reading to its payload: TelemetryEncoder.Encode(2137, 2, seq) = {"v":21.37,"seq":n,"t":1764070000}.</summary>
    public byte[] EncodeReading()
    {
        return _encoder.Encode(2137, 2, ++_seq);
    }

    /// <summary>One due sample through SensorSchedule.Step: start, collect, deadband, encode, publish (no-op publisher).</summary>
    public long SchedulePublish()
    {
        _clock.NowMs += SensorSchedule.MinIntervalMs;
        return _schedule.Step(_clock.NowMs);
    }

    /// <summary>A plain "on"/"off" (alternating) on nanomqtt/dev1/cmd/relay1: parse, apply, state echo, answer.</summary>
    public void RoutePlainCommand()
    {
        _router.OnMessage(_plain[_next++ & 1]);
    }

    /// <summary>{"id":"cNNNN","value":"on"} with a fresh id each time (dedup checks 32 recent ids): parse, apply, echo, answer.</summary>
    public void RouteJsonCommand()
    {
        _router.OnMessage(_json[_next++ & 1023]);
    }

    /// <summary>Outbox: enqueue one QoS 1 message, take it as the head, mark it sent with a packet id, acknowledge it.</summary>
    public void OutboxRoundTrip()
    {
        long now = _clock.NowMs;
        _outbox.Enqueue(_outboxTopic, _outboxPayload, 1, false, null, now);
        OutboxMessage m = _outbox.PeekWaiting(now);
        _outbox.MarkSent(m, 7);
        _outbox.Acknowledge(7);
    }

    /// <summary>
    /// The supervisor's QoS 1 publish while online, as the schedule calls it: outbox, pump to the (fake) link,
    /// and the PUBACK taken in the next step. The payload is passed in pre-built (encoding is measured above).
    /// </summary>
    public void SupervisorPublishQos1()
    {
        _supervisor.Publish(_telemetryTopic, _outboxPayload, 1, false, null);
        _supervisor.Step(_clock.NowMs);
    }

    private static LinkEvent Inbound(string topic, string payload)
    {
        return new LinkEvent(LinkEventKind.MessageReceived) { Topic = topic, Payload = Utf8.GetBytes(payload) };
    }

    private static void Check(string problem)
    {
        if (problem != null)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private sealed class NoOpPublisher : IPublisher
    {
        public long Count;

        public bool Publish(string topic, byte[] payload, int qos, bool retain, byte[] correlationData)
        {
            Count++;
            return true;
        }
    }

    /// <summary>One channel, 21.37 °C, ready at once: the schedule's work without a driver's.</summary>
    private sealed class FakeTemperatureSensor : ISensor
    {
        public int ChannelCount => 1;

        public string FaultDetail => null;

        public string ChannelName(int channel) => "temperature";

        public string Unit(int channel) => "C";

        public int Decimals(int channel) => 2;

        public SensorStatus Start(out int waitMs)
        {
            waitMs = 0;
            return SensorStatus.Ok;
        }

        public SensorStatus Collect(long[] readings)
        {
            readings[0] = 2137;
            return SensorStatus.Ok;
        }
    }

    private sealed class FakeOutput : IDigitalOutput
    {
        public bool High;

        public void Write(bool high) => High = high;
    }

    /// <summary>An MQTT link that answers at once: CONNACK, SUBACK, and a PUBACK per QoS 1 publish (no allocation per publish).</summary>
    private sealed class FakeLink : IMqttLink
    {
        private readonly LinkEvent[] _acks = new LinkEvent[64];
        private readonly LinkEvent _connected = new LinkEvent(LinkEventKind.Connected);
        private readonly LinkEvent _subscribed = new LinkEvent(LinkEventKind.Subscribed);
        private LinkEvent _pendingOnce;
        private int _ackHead;
        private int _ackCount;
        private int _nextId;
        public long Sent;

        public FakeLink()
        {
            for (int i = 0; i < _acks.Length; i++)
            {
                _acks[i] = new LinkEvent(LinkEventKind.PublishAcked);
            }
        }

        public void BeginConnect(ConnectRequest request) => _pendingOnce = _connected;

        public bool Subscribe(string[] topics, int[] qos)
        {
            _pendingOnce = _subscribed;
            return true;
        }

        public int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, byte[] correlationData)
        {
            Sent++;
            if (qos == 0)
            {
                return 0;
            }

            _nextId = _nextId >= 65535 ? 1 : _nextId + 1;
            LinkEvent ack = _acks[(_ackHead + _ackCount) % _acks.Length];
            ack.PacketId = _nextId;
            _ackCount++;
            return _nextId;
        }

        public void Ping()
        {
        }

        public void Disconnect()
        {
        }

        public void Abort()
        {
        }

        public LinkEvent Poll()
        {
            if (_pendingOnce != null)
            {
                LinkEvent e = _pendingOnce;
                _pendingOnce = null;
                return e;
            }

            if (_ackCount == 0)
            {
                return null;
            }

            LinkEvent ack = _acks[_ackHead];
            _ackHead = (_ackHead + 1) % _acks.Length;
            _ackCount--;
            return ack;
        }
    }

    private sealed class UpNetwork : INetworkLink
    {
        public bool IsUp => true;

        public int Rssi => -50;

        public void RequestUp()
        {
        }
    }

    private sealed class ZeroJitter : IJitterSource
    {
        public int Next(int maxExclusive) => 0;
    }

    private sealed class NullStore : ISettingsStore
    {
        public string Read(string key) => null;

        public bool Write(string key, string value) => true;
    }

    private sealed class NullPlatform : IDevicePlatform
    {
        public long FreeHeapBytes => 100000;

        public string HardwareResetReason => null;

        public void Reboot()
        {
        }
    }
}
