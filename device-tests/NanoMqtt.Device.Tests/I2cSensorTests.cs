using System.Device.I2c;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using nanoFramework.TestFramework;
using NanoMqtt.Core.Config;
using NanoMqtt.Sensors;
using NanoMqtt.Sensors.Drivers;

namespace NanoMqtt.Device.Tests
{
    /// <summary>
    /// The climate sensor of the reference build answers on the I2C pins and address of nf.config, and gives
    /// a plausible room temperature. Register facts from the Bosch BME280 and Sensirion SHT3x datasheets.
    /// </summary>
    [TestClass]
    public class I2cSensorTests
    {
        private const int Bme280ChipIdRegister = 0xD0;
        private const int Bme280ChipId = 0x60;

        [TestMethod]
        public void SensorAnswersAtItsConfiguredAddress()
        {
            DeviceConfig config = RigSettings.Load();
            SensorConfig sensor = RigSettings.I2cSensor(config);
            Assert.IsNotNull(sensor, "nf.config names no bme280 or sht3x sensor");

            using (I2cDevice device = Open(config, sensor.Address))
            {
                if (sensor.Type == BuiltInSensors.Bme280)
                {
                    var id = new byte[1];
                    I2cTransferResult result = device.WriteRead(new byte[] { Bme280ChipIdRegister }, id);
                    Assert.IsTrue(result.Status == I2cTransferStatus.FullTransfer, "no answer at the sensor's address: check SDA/SCL, 3.3 V and the address (0x76 with SDO low, 0x77 high)");
                    Assert.AreEqual(Bme280ChipId, (int)id[0], "chip id: 0x58 is a BMP280 (no humidity), not a BME280");
                }
                else
                {
                    // Read status register (0xF32D): two data bytes and their CRC.
                    var status = new byte[3];
                    Assert.IsTrue(device.Write(new byte[] { 0xF3, 0x2D }).Status == I2cTransferStatus.FullTransfer, "no answer at the sensor's address: check SDA/SCL, 3.3 V and the address (0x44 with ADDR low, 0x45 high)");
                    Thread.Sleep(2);
                    Assert.IsTrue(device.Read(status).Status == I2cTransferStatus.FullTransfer, "the SHT3x did not return its status");
                    Assert.AreEqual((int)Sht3x.Crc8(status, 0, 2), (int)status[2], "status CRC: noise on the bus (long wires? missing pull-ups?)");
                }
            }
        }

        [TestMethod]
        public void TemperatureIsPlausibleForARoom()
        {
            DeviceConfig config = RigSettings.Load();
            SensorConfig sensor = RigSettings.I2cSensor(config);
            Assert.IsNotNull(sensor, "nf.config names no bme280 or sht3x sensor");

            int hundredths;
            using (I2cDevice device = Open(config, sensor.Address))
            {
                hundredths = sensor.Type == BuiltInSensors.Bme280 ? Bme280Temperature(device) : Sht3xTemperature(device);
            }

            int fraction = Abs(hundredths % 100);
            OutputHelper.WriteLine("temperature: " + (hundredths / 100).ToString() + (fraction < 10 ? ".0" : ".") + fraction.ToString() + " C");
            Assert.IsTrue(hundredths > -2000 && hundredths < 6000, "temperature outside -20..60 C: a wrong reading, not a room");
        }

        private static I2cDevice Open(DeviceConfig config, int address)
        {
            Configuration.SetPinFunction(config.I2cSda, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(config.I2cScl, DeviceFunction.I2C1_CLOCK);
            return I2cDevice.Create(new I2cConnectionSettings(1, address, I2cBusSpeed.StandardMode));
        }

        /// <summary>One forced measurement; the integer compensation of the BME280 datasheet (section 4.2.3).</summary>
        private static int Bme280Temperature(I2cDevice device)
        {
            // ctrl_meas (0xF4): temperature and pressure oversampling x1, forced mode.
            Assert.IsTrue(device.Write(new byte[] { 0xF4, 0x25 }).Status == I2cTransferStatus.FullTransfer, "cannot start a measurement");
            Thread.Sleep(50);

            var calibration = new byte[6];
            Assert.IsTrue(device.WriteRead(new byte[] { 0x88 }, calibration).Status == I2cTransferStatus.FullTransfer, "cannot read the calibration");
            int t1 = calibration[0] | (calibration[1] << 8);
            int t2 = (short)(calibration[2] | (calibration[3] << 8));
            int t3 = (short)(calibration[4] | (calibration[5] << 8));

            var raw = new byte[3];
            Assert.IsTrue(device.WriteRead(new byte[] { 0xFA }, raw).Status == I2cTransferStatus.FullTransfer, "cannot read the temperature");
            int adc = (raw[0] << 12) | (raw[1] << 4) | (raw[2] >> 4);
            Assert.AreNotEqual(0x80000, adc, "the temperature register still holds its reset value: no measurement ran");

            int var1 = (((adc >> 3) - (t1 << 1)) * t2) >> 11;
            int d = (adc >> 4) - t1;
            int var2 = (((d * d) >> 12) * t3) >> 14;
            return ((var1 + var2) * 5 + 128) >> 8;
        }

        /// <summary>Single shot, high repeatability, no clock stretching (0x2400); T = -45 + 175 * raw / 65535.</summary>
        private static int Sht3xTemperature(I2cDevice device)
        {
            Assert.IsTrue(device.Write(new byte[] { 0x24, 0x00 }).Status == I2cTransferStatus.FullTransfer, "cannot start a measurement");
            Thread.Sleep(20);
            var data = new byte[6];
            Assert.IsTrue(device.Read(data).Status == I2cTransferStatus.FullTransfer, "cannot read the measurement");
            Assert.AreEqual((int)Sht3x.Crc8(data, 0, 2), (int)data[2], "temperature CRC");
            Assert.AreEqual((int)Sht3x.Crc8(data, 3, 2), (int)data[5], "humidity CRC");
            int raw = (data[0] << 8) | data[1];
            return (int)(-4500 + (17500L * raw) / 65535);
        }

        private static int Abs(int value)
        {
            return value < 0 ? -value : value;
        }
    }
}
