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

            byte[] payload = encoder.Encode(2137, 2, 42);

            Assert.AreEqual("{\"v\":21.37,\"seq\":42,\"t\":1764070000}", Utf8.GetString(payload, 0, payload.Length));
            Assert.AreEqual(35, payload.Length);
            Assert.AreEqual((byte)'{', payload[0]);
            Assert.AreEqual((byte)'}', payload[34]);
        }

        [TestMethod]
        public void LeavesOutTheTimeUntilItIsKnown()
        {
            var encoder = new TelemetryEncoder(new FakeClock());

            byte[] payload = encoder.Encode(2137, 2, 1);

            Assert.AreEqual("{\"v\":21.37,\"seq\":1}", Utf8.GetString(payload, 0, payload.Length));
        }

        [TestMethod]
        [DataRow(-5L, 1, "{\"v\":-0.5,\"seq\":7}")]
        [DataRow(101325L, 2, "{\"v\":1013.25,\"seq\":7}")]
        [DataRow(1L, 0, "{\"v\":1,\"seq\":7}")]
        [DataRow(0L, 1, "{\"v\":0.0,\"seq\":7}")]
        public void WritesEachKindOfReading(long scaled, int decimals, string expected)
        {
            var encoder = new TelemetryEncoder(new FakeClock());

            byte[] payload = encoder.Encode(scaled, decimals, 7);

            Assert.AreEqual(expected, Utf8.GetString(payload, 0, payload.Length));
        }

        [TestMethod]
        public void WritesSeveralQuantitiesInOneMessage()
        {
            var clock = new FakeClock();
            clock.UnixSeconds = 1764070000;
            var encoder = new TelemetryEncoder(clock);

            encoder.Begin();
            encoder.Add("temperature".ToCharArray(), 2137, 2);
            encoder.Add("humidity".ToCharArray(), 453, 1);
            encoder.Add("pressure".ToCharArray(), 101325, 2);
            byte[] payload = encoder.Finish(42);

            Assert.AreEqual("{\"temperature\":21.37,\"humidity\":45.3,\"pressure\":1013.25,\"seq\":42,\"t\":1764070000}", Utf8.GetString(payload, 0, payload.Length));
            Assert.AreEqual(80, payload.Length);
        }

        [TestMethod]
        public void ReusesItsWriterAcrossMessages()
        {
            var encoder = new TelemetryEncoder(new FakeClock());

            byte[] first = encoder.Encode(123456789, 2, 1);
            byte[] second = encoder.Encode(1, 0, 2);

            Assert.AreEqual(24, first.Length);
            Assert.AreEqual("{\"v\":1,\"seq\":2}", Utf8.GetString(second, 0, second.Length));
        }

        /// <summary>
        /// Bytes of an MQTT 3.1.1 PUBLISH packet on the wire: fixed header (1 byte + 1..4 bytes of remaining
        /// length), topic length field (2), topic, packet id (2, QoS 1 and 2 only) and payload. Under
        /// MQTT 5 add the property length (at least 1 byte). The size figures of docs/benchmarks.md.
        /// </summary>
        private static int PublishPacketBytes(int topicBytes, int payloadBytes, int qos)
        {
            int remaining = 2 + topicBytes + (qos > 0 ? 2 : 0) + payloadBytes;
            int lengthBytes = remaining < 128 ? 1 : remaining < 16384 ? 2 : remaining < 2097152 ? 3 : 4;
            return 1 + lengthBytes + remaining;
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
            Assert.AreEqual(expected, PublishPacketBytes(topic, payload, qos));
        }

        /// <summary>
        /// The figures of docs/benchmarks.md: a one-quantity temperature sensor "climate" (21.37 °C) and a
        /// BME280 "climate" (21.37 °C, 45.3 %, 1013.25 hPa) at 2025-11-25T11:26:40Z, device "dev1", MQTT
        /// 3.1.1. Tasmota: tele/%topic%/SENSOR with the JSON of its BME280 page
        /// (tasmota.github.io/docs/BME280/), default one decimal. ESPHome: the default state topic
        /// &lt;TOPIC_PREFIX&gt;/&lt;COMPONENT_TYPE&gt;/&lt;COMPONENT_NAME&gt;/state with the bare value as
        /// payload (esphome.io/components/mqtt/).
        /// </summary>
        [TestMethod]
        public void BenchmarkFiguresAgainstTasmotaAndEsphome()
        {
            var clock = new FakeClock();
            clock.UnixSeconds = 1764070000;
            var encoder = new TelemetryEncoder(clock);
            var topics = new Topics("nanomqtt", "dev1");

            string topic = topics.Telemetry("climate");
            byte[] payload = encoder.Encode(2137, 2, 42);
            Assert.AreEqual(31, Utf8.ByteCount(topic));
            Assert.AreEqual(35, payload.Length);
            Assert.AreEqual(70, PublishPacketBytes(31, payload.Length, 0));
            Assert.AreEqual(72, PublishPacketBytes(31, payload.Length, 1));

            encoder.Begin();
            encoder.Add("temperature".ToCharArray(), 2137, 2);
            encoder.Add("humidity".ToCharArray(), 453, 1);
            encoder.Add("pressure".ToCharArray(), 101325, 2);
            Assert.AreEqual(115, PublishPacketBytes(31, encoder.Finish(42).Length, 0));

            string tasmota = "{\"Time\":\"2025-11-25T11:26:40\",\"BME280\":{\"Temperature\":21.4,\"Humidity\":45.3,\"Pressure\":1013.3},\"PressureUnit\":\"hPa\",\"TempUnit\":\"C\"}";
            Assert.AreEqual(130, Utf8.ByteCount(tasmota));
            Assert.AreEqual(151, PublishPacketBytes(Utf8.ByteCount("tele/dev1/SENSOR"), 130, 0));

            Assert.AreEqual(46, PublishPacketBytes(Utf8.ByteCount("dev1/sensor/climate_temperature/state"), Utf8.ByteCount("21.37"), 0));
            int esphomeAll = 46
                + PublishPacketBytes(Utf8.ByteCount("dev1/sensor/climate_humidity/state"), 4, 0)
                + PublishPacketBytes(Utf8.ByteCount("dev1/sensor/climate_pressure/state"), 7, 0);
            Assert.AreEqual(133, esphomeAll);
        }
    }
}
