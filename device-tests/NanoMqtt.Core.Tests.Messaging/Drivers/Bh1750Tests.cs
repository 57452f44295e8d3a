using NanoMqtt.Sensors.Drivers;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Sensors;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Drivers
{
    [TestClass]
    public class Bh1750Tests
    {
        [TestMethod]
        public void ConvertsTheDatasheetExample()
        {
            // BH1750FVI datasheet: high byte 1000_0011, low byte 1001_0000 -> (2^15+2^9+2^8+2^7+2^4) / 1.2 ≈ 28067 lx.
            Assert.AreEqual(280667L, Bh1750.TenthsLux(0x8390));
        }

        [TestMethod]
        [DataRow(0, 0L)]
        [DataRow(1, 8L)]
        [DataRow(12, 100L)]
        [DataRow(65535, 546125L)]
        public void DividesByOnePointTwo(int raw, long tenths)
        {
            Assert.AreEqual(tenths, Bh1750.TenthsLux(raw));
        }

        [TestMethod]
        public void PowersOnMeasuresOnceAndReadsHighByteFirst()
        {
            var bus = new FakeI2cBus(Bh1750.DefaultAddress);
            bus.EnqueueRead(new byte[] { 0x83, 0x90 });
            var sensor = new Bh1750(bus);
            long[] r = new long[1];
            int wait;

            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Start(out wait));
            Assert.AreEqual(180, wait);
            Assert.AreEqual(2, bus.Writes.Count);
            Assert.AreEqual("01", bus.WriteHex(0));
            Assert.AreEqual("20", bus.WriteHex(1));
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Collect(r));
            Assert.AreEqual(280667L, r[0]);
            Assert.AreEqual("light", sensor.ChannelName(0));
            Assert.AreEqual("lx", sensor.Unit(0));
        }

        [TestMethod]
        public void AnAbsentChipIsNoAck()
        {
            var bus = new FakeI2cBus(0x5C);
            I2cDriverChecks.AbsentChipIsNoAck(new Bh1750(bus), bus, "no ACK at 0x5c");
        }

        [TestMethod]
        public void AFailedReadIsReportedAndTheNextSampleRecovers()
        {
            var bus = new FakeI2cBus(Bh1750.DefaultAddress);
            var sensor = new Bh1750(bus);
            long[] r = new long[1];
            I2cDriverChecks.FailedCollectIsReported(sensor, bus, r, I2cResult.DataNack, SensorStatus.DataNack, "data NACK at 0x23");

            int wait;
            bus.EnqueueRead(new byte[] { 0x00, 0x0C });
            sensor.Start(out wait);
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Collect(r));
            Assert.AreEqual(100L, r[0]);
        }

        [TestMethod]
        public void AShortReadIsABusError()
        {
            var bus = new FakeI2cBus(Bh1750.DefaultAddress);
            bus.EnqueueRead(new byte[] { 0x83 });
            var sensor = new Bh1750(bus);
            int wait;
            sensor.Start(out wait);

            Assert.AreEqual((int)SensorStatus.BusError, (int)sensor.Collect(new long[1]));
        }
    }
}
