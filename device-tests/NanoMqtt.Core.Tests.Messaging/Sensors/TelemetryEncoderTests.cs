using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Sensors;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Sensors
{
    [TestClass]
    public class TelemetryEncoderTests
    {
        [TestMethod]
        public void WritesTheCompactPayloadByteForByte()
        {
            var clock = new FakeClock();
            clock.UnixSeconds = 1764070000;
            var encoder = new TelemetryEncoder(clock);

            byte[] payload = encoder.Encode(2137, 2, "C", 42);

            Assert.AreEqual("{\"v\":21.37,\"u\":\"C\",\"seq\":42,\"t\":1764070000}", Utf8.GetString(payload, 0, payload.Length));
            Assert.AreEqual(43, payload.Length);
            Assert.AreEqual((byte)'{', payload[0]);
            Assert.AreEqual((byte)'}', payload[42]);
        }

        [TestMethod]
        public void LeavesOutTheTimeUntilItIsKnown()
        {
            var encoder = new TelemetryEncoder(new FakeClock());

            byte[] payload = encoder.Encode(2137, 2, "C", 1);

            Assert.AreEqual("{\"v\":21.37,\"u\":\"C\",\"seq\":1}", Utf8.GetString(payload, 0, payload.Length));
        }

        [TestMethod]
        [DataRow(-5L, 1, "C", "{\"v\":-0.5,\"u\":\"C\",\"seq\":7}")]
        [DataRow(101325L, 2, "hPa", "{\"v\":1013.25,\"u\":\"hPa\",\"seq\":7}")]
        [DataRow(1L, 0, "", "{\"v\":1,\"u\":\"\",\"seq\":7}")]
        [DataRow(0L, 1, "lx", "{\"v\":0.0,\"u\":\"lx\",\"seq\":7}")]
        public void WritesEachKindOfReading(long scaled, int decimals, string unit, string expected)
        {
            var encoder = new TelemetryEncoder(new FakeClock());

            byte[] payload = encoder.Encode(scaled, decimals, unit, 7);

            Assert.AreEqual(expected, Utf8.GetString(payload, 0, payload.Length));
        }

        [TestMethod]
        public void ReusesItsWriterAcrossMessages()
        {
            var encoder = new TelemetryEncoder(new FakeClock());

            byte[] first = encoder.Encode(123456789, 2, "hPa", 1);
            byte[] second = encoder.Encode(1, 0, "", 2);

            Assert.AreEqual(34, first.Length);
            Assert.AreEqual("{\"v\":1,\"u\":\"\",\"seq\":2}", Utf8.GetString(second, 0, second.Length));
        }

        [TestMethod]
        [DataRow(43, 43, 0, 90)]
        [DataRow(43, 43, 1, 92)]
        [DataRow(16, 130, 0, 151)]
        [DataRow(0, 125, 0, 129)]
        [DataRow(0, 126, 0, 131)]
        [DataRow(10, 20000, 2, 20018)]
        public void CountsTheBytesOfAPublishPacket(int topic, int payload, int qos, int expected)
        {
            Assert.AreEqual(expected, TelemetryEncoder.PublishPacketBytes(topic, payload, qos));
        }

        /// <summary>
        /// The figures of docs/benchmarks.md: one BME280 temperature reading (21.37 °C, 45.3 %, 1013.25 hPa
        /// at 2025-11-25T11:26:40Z), device "dev1", MQTT 3.1.1. Tasmota: tele/%topic%/SENSOR with the
        /// JSON of its BME280 page (tasmota.github.io/docs/BME280/), default one decimal. ESPHome: the
        /// default state topic &lt;TOPIC_PREFIX&gt;/&lt;COMPONENT_TYPE&gt;/&lt;COMPONENT_NAME&gt;/state with the bare
        /// value as payload (esphome.io/components/mqtt/).
        /// </summary>
        [TestMethod]
        public void BenchmarkFiguresAgainstTasmotaAndEsphome()
        {
            var clock = new FakeClock();
            clock.UnixSeconds = 1764070000;
            var encoder = new TelemetryEncoder(clock);
            var topics = new Topics("nanomqtt", "dev1");

            string topic = topics.Telemetry("climate_temperature");
            byte[] payload = encoder.Encode(2137, 2, "C", 42);
            Assert.AreEqual(43, Utf8.ByteCount(topic));
            Assert.AreEqual(43, payload.Length);
            Assert.AreEqual(90, TelemetryEncoder.PublishPacketBytes(43, payload.Length, 0));
            Assert.AreEqual(92, TelemetryEncoder.PublishPacketBytes(43, payload.Length, 1));

            int all = TelemetryEncoder.PublishPacketBytes(43, 43, 0)
                + TelemetryEncoder.PublishPacketBytes(Utf8.ByteCount(topics.Telemetry("climate_humidity")), encoder.Encode(453, 1, "%", 42).Length, 0)
                + TelemetryEncoder.PublishPacketBytes(Utf8.ByteCount(topics.Telemetry("climate_pressure")), encoder.Encode(101325, 2, "hPa", 42).Length, 0);
            Assert.AreEqual(267, all);

            string tasmota = "{\"Time\":\"2025-11-25T11:26:40\",\"BME280\":{\"Temperature\":21.4,\"Humidity\":45.3,\"Pressure\":1013.3},\"PressureUnit\":\"hPa\",\"TempUnit\":\"C\"}";
            Assert.AreEqual(130, Utf8.ByteCount(tasmota));
            Assert.AreEqual(151, TelemetryEncoder.PublishPacketBytes(Utf8.ByteCount("tele/dev1/SENSOR"), 130, 0));

            Assert.AreEqual(46, TelemetryEncoder.PublishPacketBytes(Utf8.ByteCount("dev1/sensor/climate_temperature/state"), Utf8.ByteCount("21.37"), 0));
            int esphomeAll = 46
                + TelemetryEncoder.PublishPacketBytes(Utf8.ByteCount("dev1/sensor/climate_humidity/state"), 4, 0)
                + TelemetryEncoder.PublishPacketBytes(Utf8.ByteCount("dev1/sensor/climate_pressure/state"), 7, 0);
            Assert.AreEqual(133, esphomeAll);
        }
    }
}
