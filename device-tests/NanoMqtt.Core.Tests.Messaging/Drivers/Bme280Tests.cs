using NanoMqtt.Sensors.Drivers;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Sensors;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Drivers
{
    [TestClass]
    public class Bme280Tests
    {
        [TestMethod]
        public void CompensatesTheDatasheetExample()
        {
            var c = Bme280Calibration.Parse(Bme280Chip.Block1(), Bme280Chip.Block2());
            int tFine;

            int centi = c.Temperature(Bme280Chip.AdcT, out tFine);
            long q8 = c.PressureQ24_8(Bme280Chip.AdcP, tFine);

            // Datasheet: 25.08 °C, t_fine 128422, 100653.27 Pa (its floating-point result).
            Assert.AreEqual(2508, centi);
            Assert.AreEqual(128422, tFine);
            Assert.AreEqual(25767233L, q8);
            double pa = q8 / 256.0;
            Assert.IsTrue(pa > 100653.22 && pa < 100653.32, "pressure " + pa.ToString());
        }

        [TestMethod]
        public void DecodesTheTrimmingLayout()
        {
            var c = Bme280Calibration.Parse(Bme280Chip.Block1(), Bme280Chip.Block2());

            Assert.AreEqual(27504, c.T1);
            Assert.AreEqual(-1000, c.T3);
            Assert.AreEqual(36477, c.P1);
            Assert.AreEqual(-14600, c.P8);
            Assert.AreEqual(75, c.H1);
            Assert.AreEqual(362, c.H2);
            Assert.AreEqual(313, c.H4);
            Assert.AreEqual(50, c.H5);
            Assert.AreEqual(30, c.H6);
            Assert.IsTrue(c.LooksValid);
        }

        [TestMethod]
        public void KeepsTheSignOfTheTwelveBitHumidityTerms()
        {
            // 0xE4 = 0xF0, 0xE5 = 0xEF, 0xE6 = 0xFF, 0xE7 = 0xF6: H4 = -241, H5 = -2, H6 = -10.
            var c = Bme280Calibration.Parse(Bme280Chip.Block1(), new byte[] { 0x00, 0x80, 0x01, 0xF0, 0xEF, 0xFF, 0xF6 });

            Assert.AreEqual(-32768, c.H2);
            Assert.AreEqual(1, c.H3);
            Assert.AreEqual(-241, c.H4);
            Assert.AreEqual(-2, c.H5);
            Assert.AreEqual(-10, c.H6);
        }

        [TestMethod]
        [DataRow(25000)]
        [DataRow(27000)]
        [DataRow(30000)]
        [DataRow(35000)]
        [DataRow(40000)]
        [DataRow(10000)]
        public void HumidityMatchesTheDatasheetFloatingPointFormula(int adcH)
        {
            var c = Bme280Calibration.Parse(Bme280Chip.Block1(), Bme280Chip.Block2());
            int tFine;
            c.Temperature(Bme280Chip.AdcT, out tFine);

            double integer = c.HumidityQ22_10(adcH, tFine) / 1024.0;
            double reference = Bme280Chip.HumidityDouble(adcH, tFine);

            double diff = integer - reference;
            Assert.IsTrue(diff < 0.01 && diff > -0.01, integer.ToString() + " vs " + reference.ToString());
        }

        [TestMethod]
        public void ReadsAForcedSampleThroughTheBus()
        {
            var bus = Bme280Chip.Create();
            var sensor = new Bme280(bus);
            long[] r = new long[3];
            int wait;

            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Start(out wait));
            Assert.AreEqual(Bme280.ConversionMs, wait);
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Collect(r));

            Assert.AreEqual(2508L, r[0]);
            Assert.AreEqual(550L, r[1]);
            Assert.AreEqual(100653L, r[2]);
            // Probe: sleep, config, ctrl_hum; then one forced conversion.
            Assert.AreEqual(4, bus.Writes.Count);
            Assert.AreEqual("f424", bus.WriteHex(0));
            Assert.AreEqual("f500", bus.WriteHex(1));
            Assert.AreEqual("f201", bus.WriteHex(2));
            Assert.AreEqual("f425", bus.WriteHex(3));
        }

        [TestMethod]
        public void EachForcedSampleTriggersOneConversionWithoutReprobing()
        {
            var bus = Bme280Chip.Create();
            var sensor = new Bme280(bus);
            long[] r = new long[3];
            int wait;
            sensor.Start(out wait);
            sensor.Collect(r);

            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Start(out wait));
            Assert.AreEqual(5, bus.Writes.Count);
            Assert.AreEqual("f425", bus.WriteHex(4));
        }

        [TestMethod]
        public void AConversionStillRunningIsNotReady()
        {
            var bus = Bme280Chip.Create();
            var sensor = new Bme280(bus);
            long[] r = new long[3];
            int wait;
            sensor.Start(out wait);

            bus.Registers[Bme280.RegStatus] = 0x08;
            Assert.AreEqual((int)SensorStatus.NotReady, (int)sensor.Collect(r));
            bus.Registers[Bme280.RegStatus] = 0x00;
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Collect(r));
        }

        [TestMethod]
        public void AnAbsentChipIsNoAck()
        {
            var bus = Bme280Chip.Create();
            I2cDriverChecks.AbsentChipIsNoAck(new Bme280(bus), bus, "no ACK at 0x76");
        }

        [TestMethod]
        public void AnotherChipAtTheAddressIsRefused()
        {
            var bus = Bme280Chip.Create();
            bus.Registers[Bme280.RegChipId] = 0x58;
            var sensor = new Bme280(bus);
            int wait;

            Assert.AreEqual((int)SensorStatus.WrongChip, (int)sensor.Start(out wait));
            Assert.AreEqual("chip id 0x58 at 0x76, expected 0x60 (BME280)", sensor.FaultDetail);
            Assert.AreEqual(0, bus.Writes.Count);
        }

        [TestMethod]
        public void BlankTrimmingIsImplausible()
        {
            var bus = new FakeI2cBus(0x77);
            bus.Registers[Bme280.RegChipId] = Bme280.ExpectedChipId;
            var sensor = new Bme280(bus);
            int wait;

            Assert.AreEqual((int)SensorStatus.Implausible, (int)sensor.Start(out wait));
            Assert.AreEqual("calibration data invalid", sensor.FaultDetail);
        }

        [TestMethod]
        public void ASkippedMeasurementIsImplausible()
        {
            var bus = Bme280Chip.Create();
            Bme280Chip.SetData(bus, 0x80000, 0x80000, 0x8000);
            var sensor = new Bme280(bus);
            long[] r = new long[3];
            int wait;
            sensor.Start(out wait);

            Assert.AreEqual((int)SensorStatus.Implausible, (int)sensor.Collect(r));
            Assert.Contains("skipped", sensor.FaultDetail);
        }

        [TestMethod]
        public void ABusTimeoutDuringCollectIsReportedAndTheChipIsProbedAgain()
        {
            var bus = Bme280Chip.Create();
            var sensor = new Bme280(bus);
            long[] r = new long[3];
            I2cDriverChecks.FailedCollectIsReported(sensor, bus, r, I2cResult.Timeout, SensorStatus.Timeout, "bus timeout at 0x76");

            int wait;
            bus.Writes.Clear();
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Start(out wait));
            Assert.AreEqual("f424", bus.WriteHex(0));
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Collect(r));
            Assert.AreEqual(2508L, r[0]);
        }

        [TestMethod]
        public void ACorruptedTransferThatLooksLikeAnotherChipIsCaught()
        {
            var bus = Bme280Chip.Create();
            bus.CorruptNextRead = true;
            var sensor = new Bme280(bus);
            int wait;

            Assert.AreEqual((int)SensorStatus.WrongChip, (int)sensor.Start(out wait));
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Start(out wait));
        }

        [TestMethod]
        public void NormalModeConfiguresOnceAndReadsWithoutTriggering()
        {
            var bus = Bme280Chip.Create();
            var sensor = new Bme280(bus, Bme280Mode.Normal);
            long[] r = new long[3];
            int wait;

            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Start(out wait));
            Assert.AreEqual(Bme280.ConversionMs, wait);
            Assert.AreEqual("f424", bus.WriteHex(0));
            Assert.AreEqual("f5a0", bus.WriteHex(1));
            Assert.AreEqual("f201", bus.WriteHex(2));
            Assert.AreEqual("f427", bus.WriteHex(3));
            bus.Registers[Bme280.RegStatus] = 0x08;
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Collect(r));

            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.Start(out wait));
            Assert.AreEqual(0, wait);
            Assert.AreEqual(4, bus.Writes.Count);
        }

        [TestMethod]
        public void AnOutOfRangeTemperatureIsImplausible()
        {
            var bus = Bme280Chip.Create();
            Bme280Chip.SetData(bus, 0xFFFF0, Bme280Chip.AdcP, 30000);
            var sensor = new Bme280(bus);
            long[] r = new long[3];
            int wait;
            sensor.Start(out wait);

            Assert.AreEqual((int)SensorStatus.Implausible, (int)sensor.Collect(r));
            Assert.Contains("temperature", sensor.FaultDetail);
        }
    }
}
