using NanoMqtt.Sensors.Drivers;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Sensors;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Drivers
{
    [TestClass]
    public class Sht3xTests
    {
        [TestMethod]
        public void CrcMatchesTheDatasheetExample()
        {
            // SHT3x-DIS datasheet, table 20: CRC(0xBEEF) = 0x92.
            Assert.AreEqual((byte)0x92, Sht3x.Crc8(new byte[] { 0xBE, 0xEF }, 0, 2));
            Assert.AreEqual((byte)0x81, Sht3x.Crc8(new byte[] { 0x00, 0x00 }, 0, 2));
            Assert.AreEqual((byte)0x92, Sht3x.Crc8(new byte[] { 0x00, 0xBE, 0xEF }, 1, 2));
        }

        [TestMethod]
        [DataRow(0, -4500L)]
        [DataRow(65535, 13000L)]
        [DataRow(0x6666, 2500L)]
        [DataRow(0x8000, 4250L)]
        [DataRow(16852, 0L)]
        public void ConvertsTemperatureWithTheDatasheetFormula(int raw, long centi)
        {
            // T = -45 + 175 * S_T / (2^16 - 1)
            Assert.AreEqual(centi, Sht3x.CentiCelsius(raw));
        }

        [TestMethod]
        [DataRow(0, 0L)]
        [DataRow(65535, 1000L)]
        [DataRow(0x8000, 500L)]
        [DataRow(0x6666, 400L)]
        public void ConvertsHumidityWithTheDatasheetFormula(int raw, long tenths)
        {
            // RH = 100 * S_RH / (2^16 - 1)
            Assert.AreEqual(tenths, Sht3x.TenthsPercent(raw));
        }

        [TestMethod]
        public void ReadsASingleShotMeasurementWithCheckedCrcs()
        {
            var bus = new FakeI2cBus(Sht3x.DefaultAddress);
            bus.EnqueueRead(Response(0x6666, 0x8000));
            var sensor = new Sht3x(bus);
            long[] r = new long[2];
            int wait;

            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Start(out wait));
            Assert.AreEqual(16, wait);
            Assert.AreEqual("2400", bus.WriteHex(0));
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Collect(r));
            Assert.AreEqual(2500L, r[0]);
            Assert.AreEqual(500L, r[1]);
        }

        [TestMethod]
        [DataRow(1, "2416", 5)]
        [DataRow(2, "240b", 7)]
        public void RepeatabilityChoosesTheCommandAndTheWait(int repeatability, string command, int waitMs)
        {
            var bus = new FakeI2cBus(Sht3x.DefaultAddress);
            var sensor = new Sht3x(bus, repeatability == 1 ? Sht3xRepeatability.Low : Sht3xRepeatability.Medium);
            int wait;

            sensor.Start(out wait);

            Assert.AreEqual(command, bus.WriteHex(0));
            Assert.AreEqual(waitMs, wait);
        }

        [TestMethod]
        public void ABadTemperatureCrcIsRefused()
        {
            var bus = new FakeI2cBus(Sht3x.DefaultAddress);
            byte[] response = Response(0x6666, 0x8000);
            response[2] ^= 0x10;
            bus.EnqueueRead(response);
            var sensor = new Sht3x(bus);
            long[] r = new long[2];
            int wait;
            sensor.Start(out wait);

            Assert.AreEqual((int)SensorStatus.BadCrc, (int)sensor.Collect(r));
            Assert.AreEqual("temperature CRC mismatch at 0x44", sensor.FaultDetail);
            Assert.AreEqual(0L, r[0]);
        }

        [TestMethod]
        public void ABadHumidityCrcIsRefused()
        {
            var bus = new FakeI2cBus(0x45);
            bus.EnqueueRead(Response(0x6666, 0x8000));
            bus.CorruptNextRead = true;
            var sensor = new Sht3x(bus);
            long[] r = new long[2];
            int wait;
            sensor.Start(out wait);

            Assert.AreEqual((int)SensorStatus.BadCrc, (int)sensor.Collect(r));
            Assert.AreEqual("humidity CRC mismatch at 0x45", sensor.FaultDetail);
        }

        [TestMethod]
        public void AReadNackWhileMeasuringMeansNotReady()
        {
            var bus = new FakeI2cBus(Sht3x.DefaultAddress);
            bus.EnqueueRead(Response(0x6666, 0x8000));
            bus.NotReadyReads = 2;
            var sensor = new Sht3x(bus);
            long[] r = new long[2];
            int wait;
            sensor.Start(out wait);

            Assert.AreEqual((int)SensorStatus.NotReady, (int)sensor.Collect(r));
            Assert.AreEqual((int)SensorStatus.NotReady, (int)sensor.Collect(r));
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Collect(r));
            Assert.AreEqual(2500L, r[0]);
        }

        [TestMethod]
        public void AnAbsentSensorIsNoAckAtStart()
        {
            var bus = new FakeI2cBus(Sht3x.DefaultAddress);
            I2cDriverChecks.AbsentChipIsNoAck(new Sht3x(bus), bus, "no ACK at 0x44");
        }

        [TestMethod]
        public void ABusTimeoutIsATimeoutAndTheNextSampleRecovers()
        {
            var bus = new FakeI2cBus(Sht3x.DefaultAddress);
            var sensor = new Sht3x(bus);
            long[] r = new long[2];
            I2cDriverChecks.FailedCollectIsReported(sensor, bus, r, I2cResult.Timeout, SensorStatus.Timeout, "bus timeout at 0x44");

            int wait;
            bus.EnqueueRead(Response(0x0000, 0xFFFF));
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Start(out wait));
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Collect(r));
            Assert.AreEqual(-4500L, r[0]);
            Assert.AreEqual(1000L, r[1]);
        }

        [TestMethod]
        public void CollectWithoutStartIsABusError()
        {
            var sensor = new Sht3x(new FakeI2cBus(Sht3x.DefaultAddress));
            Assert.AreEqual((int)SensorStatus.BusError, (int)sensor.Collect(new long[2]));
        }

        private static byte[] Response(int t, int rh)
        {
            byte[] b = { (byte)(t >> 8), (byte)(t & 0xFF), 0, (byte)(rh >> 8), (byte)(rh & 0xFF), 0 };
            b[2] = Sht3x.Crc8(b, 0, 2);
            b[5] = Sht3x.Crc8(b, 3, 2);
            return b;
        }
    }
}
