using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using NanoMqtt.Bench.Harness;
using NanoMqtt.Sensors.Drivers;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;
using NanoMqtt.Core.Sensors;
using NanoMqtt.Testing;

namespace NanoMqtt.Bench.Scenarios;

/// <summary>One MQTT PUBLISH: what it carries, and its size by formula and (when measured) on the wire.</summary>
public sealed record WireMessage(string Who, string Topic, string Payload, int Qos)
{
    public int TopicBytes => Encoding.UTF8.GetByteCount(Topic);
    public int PayloadBytes => Encoding.UTF8.GetByteCount(Payload);

    /// <summary>MQTT 3.1.1 PUBLISH: 1 byte of fixed header, the remaining length (1..4 bytes), 2 + topic, a packet id at QoS > 0, the payload.</summary>
    public int PacketBytes
    {
        get
        {
            int remaining = 2 + TopicBytes + (Qos > 0 ? 2 : 0) + PayloadBytes;
            int lengthBytes = 1;
            for (int r = remaining; r >= 128; r /= 128)
            {
                lengthBytes++;
            }

            return 1 + lengthBytes + remaining;
        }
    }
}

public sealed class WireReport : ScenarioReport
{
    public List<(WireMessage Message, long? Measured)> Messages { get; } = new List<(WireMessage, long?)>();
}

/// <summary>
/// Bytes on the wire per telemetry message for one temperature reading (and for all three BME280
/// quantities, one message): ours from the real Topics and TelemetryEncoder, against Tasmota's tele/.../SENSOR JSON and
/// ESPHome's state topics built from their documented formats. With --measure (default when Mosquitto is
/// installed), each PUBLISH is also sent through the counting proxy and the bytes that crossed it reported.
/// </summary>
public static class WireScenario
{
    public const long Time = 1764070000; // 2025-11-25T11:26:40Z

    public static async Task<WireReport> RunAsync(bool measure, TextWriter log)
    {
        var topics = new Topics("nanomqtt", "dev1");
        var encoder = new TelemetryEncoder(new FakeClock { UnixSeconds = Time });
        var bme = new Bme280(new NoBus());
        long[] readings = { 2137, 453, 101325 }; // 21.37 C, 45.3 %, 1013.25 hPa in the driver's decimals
        // A one-quantity sensor sends "v"; a BME280 sends its three quantities in one message, both on telemetry/climate.
        byte[] one = encoder.Encode(readings[0], bme.Decimals(0), 42);
        encoder.Begin();
        for (int ch = 0; ch < 3; ch++)
        {
            encoder.Add(bme.ChannelName(ch).ToCharArray(), readings[ch], bme.Decimals(ch));
        }

        byte[] three = encoder.Finish(42);
        var ours = new WireMessage("NanoMqtt", topics.Telemetry("climate"), Utf8.GetString(one, 0, one.Length), 0);
        var oursBme = new WireMessage("NanoMqtt", topics.Telemetry("climate"), Utf8.GetString(three, 0, three.Length), 0);
        WireMessage ours1 = ours with { Qos = 1 };
        // Tasmota: one tele/<topic>/SENSOR message per TelePeriod with every sensor (its documented JSON).
        var tasmota = new WireMessage("Tasmota", "tele/dev1/SENSOR",
            "{\"Time\":\"2025-11-25T11:26:40\",\"BME280\":{\"Temperature\":21.4,\"Humidity\":45.3,\"Pressure\":1013.3},\"PressureUnit\":\"hPa\",\"TempUnit\":\"C\"}", 0);
        // ESPHome: <node>/sensor/<object_id>/state with the bare value, one topic per quantity.
        var esphome = new[]
        {
            new WireMessage("ESPHome", "dev1/sensor/climate_temperature/state", "21.37", 0),
            new WireMessage("ESPHome", "dev1/sensor/climate_humidity/state", "45.3", 0),
            new WireMessage("ESPHome", "dev1/sensor/climate_pressure/state", "1013.25", 0),
        };

        var all = new List<WireMessage> { ours, ours1, oursBme, tasmota };
        all.AddRange(esphome);
        var measured = new Dictionary<WireMessage, long>();
        string measureNote = null;
        if (measure)
        {
            try
            {
                foreach (WireMessage m in all)
                {
                    measured[m] = 0;
                }

                await MeasureAsync(all, measured).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                measured.Clear();
                measureNote = "not measured on the wire: " + ex.Message;
            }
        }

        var report = new WireReport
        {
            Title = "Bytes on the wire per telemetry message (MQTT 3.1.1 PUBLISH)",
            Command = "dotnet run -c Release --project tools/NanoMqtt.Bench -- wire"
        };
        var t = new Table("sender", "topic", "payload", "QoS", "topic B", "payload B", "PUBLISH B (formula)", "PUBLISH B (through the proxy)");
        foreach (WireMessage m in all)
        {
            long? w = measured.TryGetValue(m, out long v) ? v : null;
            report.Messages.Add((m, w));
            t.Add(m.Who, "`" + m.Topic + "`", "`" + m.Payload + "`", m.Qos, m.TopicBytes, m.PayloadBytes, m.PacketBytes, w?.ToString() ?? "-");
        }

        int esp3 = esphome.Sum(m => m.PacketBytes);
        var sum = new Table("one temperature reading, QoS 0", "bytes", "all 3 BME280 quantities, QoS 0", "bytes");
        sum.Add("NanoMqtt", ours.PacketBytes + " (" + ours1.PacketBytes + " at QoS 1)", "NanoMqtt (1 message)", oursBme.PacketBytes);
        sum.Add("Tasmota (one SENSOR message holds all)", tasmota.PacketBytes, "Tasmota (1 message)", tasmota.PacketBytes);
        sum.Add("ESPHome", esphome[0].PacketBytes, "ESPHome (3 messages)", esp3);
        report.Body = t + "\n" + sum;
        report.Notes.Add("Ours: Topics.Telemetry and TelemetryEncoder of the core, with the BME280 driver's quantity names and decimals, seq 42, t 1764070000; " +
            "a sensor named climate, with one quantity (\"v\") or the BME280's three in one message. Units are not sent with readings (Home Assistant discovery carries them). " +
            "Tasmota and ESPHome payloads follow their documented formats (Tasmota rounds to 1 decimal by default; ESPHome sends the bare state).");
        report.Notes.Add("Figures exclude TCP/IP headers (40+ bytes per segment on IPv4), which all three pay alike per message: Tasmota's single SENSOR message pays them once for all sensors.");
        report.Notes.Add(measureNote ?? (measured.Count > 0 ? "\"through the proxy\": each PUBLISH sent by MQTTnet 5.2 to a real Mosquitto through the bench's counting TCP proxy; bytes client->broker per message." : "not measured on the wire (--no-measure)."));
        return report;
    }

    private static async Task MeasureAsync(List<WireMessage> messages, Dictionary<WireMessage, long> measured)
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var proxy = FaultProxy.Start(broker.Host, broker.Port);
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(proxy.Host, proxy.Port).WithClientId("bench-wire")
            .WithProtocolVersion(MqttProtocolVersion.V311).WithKeepAlivePeriod(TimeSpan.FromSeconds(300)).Build()).ConfigureAwait(false);
        foreach (WireMessage m in messages)
        {
            long before = await SettledAsync(proxy).ConfigureAwait(false);
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(m.Topic).WithPayload(m.Payload)
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)m.Qos).Build()).ConfigureAwait(false);
            measured[m] = await SettledAsync(proxy).ConfigureAwait(false) - before;
        }

        await client.DisconnectAsync().ConfigureAwait(false);
    }

    /// <summary>The proxy's byte count once it has not moved for 100 ms.</summary>
    private static async Task<long> SettledAsync(FaultProxy proxy)
    {
        long last = proxy.BytesUp;
        for (int i = 0; i < 50; i++)
        {
            await Task.Delay(100).ConfigureAwait(false);
            long now = proxy.BytesUp;
            if (now == last)
            {
                return now;
            }

            last = now;
        }

        throw new TimeoutException("the proxy's byte count did not settle");
    }

    /// <summary>The driver is asked only for its channels' names, units and decimals: no bus traffic.</summary>
    private sealed class NoBus : II2cBus
    {
        public int Address => Bme280.DefaultAddress;

        public I2cResult Write(byte[] data) => I2cResult.AddressNack;

        public I2cResult Read(byte[] buffer) => I2cResult.AddressNack;

        public I2cResult WriteRead(byte[] write, byte[] read) => I2cResult.AddressNack;
    }
}
