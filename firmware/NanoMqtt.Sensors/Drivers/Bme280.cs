using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Sensors.Drivers
{
    /// <summary>How the BME280 measures.</summary>
    public enum Bme280Mode
    {
        /// <summary>One conversion per sample, then sleep (the datasheet's choice for weather monitoring: lowest power).</summary>
        Forced,

        /// <summary>Converts continuously (1 s standby); a sample reads the latest result without waiting.</summary>
        Normal
    }

    /// <summary>
    /// Bosch BME280 over I2C: temperature (°C, 2 decimals), humidity (%, 1 decimal) and pressure (hPa,
    /// 2 decimals, i.e. Pa). Written from the datasheet (BST-BME280-DS002): chip id 0x60 at 0xD0,
    /// trimming at 0x88..0xA1 and 0xE1..0xE7, ctrl_hum 0xF2, status 0xF3 (bit 3 "measuring"),
    /// ctrl_meas 0xF4, config 0xF5, data 0xF7..0xFE. Oversampling x1 for all three and the filter off:
    /// a conversion then takes at most 9.3 ms (datasheet 9.1). The chip is probed and its trimming read on
    /// the first sample and again after any failure, since a chip that dropped off the bus may have lost
    /// its configuration by power loss.
    /// </summary>
    public sealed class Bme280 : ISensor
    {
        /// <summary>SDO to GND; 0x77 with SDO to VDDIO.</summary>
        public const int DefaultAddress = 0x76;
        public const byte ExpectedChipId = 0x60;

        public const byte RegChipId = 0xD0;
        public const byte RegCalib1 = 0x88;
        public const byte RegCalib2 = 0xE1;
        public const byte RegCtrlHum = 0xF2;
        public const byte RegStatus = 0xF3;
        public const byte RegCtrlMeas = 0xF4;
        public const byte RegConfig = 0xF5;
        public const byte RegData = 0xF7;

        /// <summary>osrs_t = x1 (bits 7:5 = 001), osrs_p = x1 (bits 4:2 = 001), mode in bits 1:0.</summary>
        public const byte CtrlMeasSleep = 0x24;
        public const byte CtrlMeasForced = 0x25;
        public const byte CtrlMeasNormal = 0x27;

        /// <summary>osrs_h = x1.</summary>
        public const byte CtrlHumX1 = 0x01;

        /// <summary>Forced: filter off. Normal: t_sb = 1000 ms (101), filter off.</summary>
        public const byte ConfigForced = 0x00;
        public const byte ConfigNormal = 0xA0;

        /// <summary>Datasheet 9.1, max conversion time with all oversampling x1 is 9.3 ms; round up.</summary>
        public const int ConversionMs = 10;

        private const int StatusMeasuring = 0x08;

        private readonly II2cBus _bus;
        private readonly Bme280Mode _mode;
        private readonly byte[] _reg = new byte[1];
        private readonly byte[] _one = new byte[1];
        private readonly byte[] _pair = new byte[2];
        private readonly byte[] _data = new byte[8];
        private Bme280Calibration _calibration;
        private bool _ready;
        private string _detail;

        public Bme280(II2cBus bus) : this(bus, Bme280Mode.Forced)
        {
        }

        public Bme280(II2cBus bus, Bme280Mode mode)
        {
            _bus = bus;
            _mode = mode;
        }

        /// <summary>The trimming read at the last probe, or null before it.</summary>
        public Bme280Calibration Calibration
        {
            get { return _calibration; }
        }

        public int ChannelCount
        {
            get { return 3; }
        }

        public string ChannelName(int channel)
        {
            return channel == 0 ? "temperature" : channel == 1 ? "humidity" : "pressure";
        }

        public string Unit(int channel)
        {
            return channel == 0 ? "C" : channel == 1 ? "%" : "hPa";
        }

        public int Decimals(int channel)
        {
            return channel == 1 ? 1 : 2;
        }

        public string FaultDetail
        {
            get { return _detail; }
        }

        public SensorStatus Start(out int waitMs)
        {
            waitMs = 0;
            if (!_ready)
            {
                SensorStatus probe = Probe();
                if (probe != SensorStatus.Ok)
                {
                    return probe;
                }

                _ready = true;
                if (_mode == Bme280Mode.Normal)
                {
                    // The first conversion of normal mode runs now.
                    waitMs = ConversionMs;
                    return SensorStatus.Ok;
                }
            }

            if (_mode == Bme280Mode.Forced)
            {
                SensorStatus s = WriteRegister(RegCtrlMeas, CtrlMeasForced);
                if (s != SensorStatus.Ok)
                {
                    return s;
                }

                waitMs = ConversionMs;
            }

            return SensorStatus.Ok;
        }

        public SensorStatus Collect(long[] readings)
        {
            if (!_ready)
            {
                return Failed(SensorStatus.BusError, "collect without a started sample");
            }

            if (_mode == Bme280Mode.Forced)
            {
                SensorStatus s = ReadRegisters(RegStatus, _one);
                if (s != SensorStatus.Ok)
                {
                    return s;
                }

                if ((_one[0] & StatusMeasuring) != 0)
                {
                    return SensorStatus.NotReady;
                }
            }

            SensorStatus r = ReadRegisters(RegData, _data);
            if (r != SensorStatus.Ok)
            {
                return r;
            }

            int adcP = (_data[0] << 12) | (_data[1] << 4) | (_data[2] >> 4);
            int adcT = (_data[3] << 12) | (_data[4] << 4) | (_data[5] >> 4);
            int adcH = (_data[6] << 8) | _data[7];

            // 0x80000 / 0x8000 are what the chip reports for a skipped measurement (oversampling off, or
            // a chip that reset to sleep and never converted).
            if (adcT == 0x80000 || adcP == 0x80000 || adcH == 0x8000)
            {
                return Implausible("measurement skipped (chip reset?)");
            }

            int tFine;
            int centi = _calibration.Temperature(adcT, out tFine);
            long pressureQ8 = _calibration.PressureQ24_8(adcP, tFine);
            int humidityQ10 = _calibration.HumidityQ22_10(adcH, tFine);

            // Outside the operating range of the datasheet (-40..85 °C, 300..1100 hPa) the numbers are
            // not a reading but a broken transfer or chip.
            if (centi < -4000 || centi > 8500)
            {
                return Implausible("temperature " + centi / 100 + " C out of range");
            }

            long pa = (pressureQ8 + 128) >> 8;
            if (pa < 30000 || pa > 110000)
            {
                return Implausible("pressure " + pa + " Pa out of range");
            }

            readings[0] = centi;
            readings[1] = ((long)humidityQ10 * 10 + 512) >> 10;
            readings[2] = pa;
            return SensorStatus.Ok;
        }

        private SensorStatus Probe()
        {
            SensorStatus s = ReadRegisters(RegChipId, _one);
            if (s != SensorStatus.Ok)
            {
                return s;
            }

            if (_one[0] != ExpectedChipId)
            {
                // 0x58 is a BMP280 (no humidity), 0x61 a BME680: say so rather than publish nonsense.
                return Failed(SensorStatus.WrongChip, "chip id " + I2cCheck.Hex(_one[0]) + " at " + I2cCheck.Hex(_bus.Address) + ", expected 0x60 (BME280)");
            }

            byte[] block1 = new byte[Bme280Calibration.Block1Length];
            byte[] block2 = new byte[Bme280Calibration.Block2Length];
            s = ReadRegisters(RegCalib1, block1);
            if (s == SensorStatus.Ok)
            {
                s = ReadRegisters(RegCalib2, block2);
            }

            if (s != SensorStatus.Ok)
            {
                return s;
            }

            Bme280Calibration calibration = Bme280Calibration.Parse(block1, block2);
            if (!calibration.LooksValid)
            {
                return Implausible("calibration data invalid");
            }

            _calibration = calibration;

            // config is only written reliably in sleep mode, and ctrl_hum takes effect with the next
            // ctrl_meas write: sleep, config, ctrl_hum, then the mode.
            s = WriteRegister(RegCtrlMeas, CtrlMeasSleep);
            if (s == SensorStatus.Ok)
            {
                s = WriteRegister(RegConfig, _mode == Bme280Mode.Normal ? ConfigNormal : ConfigForced);
            }

            if (s == SensorStatus.Ok)
            {
                s = WriteRegister(RegCtrlHum, CtrlHumX1);
            }

            if (s == SensorStatus.Ok && _mode == Bme280Mode.Normal)
            {
                s = WriteRegister(RegCtrlMeas, CtrlMeasNormal);
            }

            return s;
        }

        private SensorStatus ReadRegisters(byte register, byte[] buffer)
        {
            _reg[0] = register;
            return Check(_bus.WriteRead(_reg, buffer));
        }

        private SensorStatus WriteRegister(byte register, byte value)
        {
            _pair[0] = register;
            _pair[1] = value;
            return Check(_bus.Write(_pair));
        }

        private SensorStatus Check(I2cResult result)
        {
            if (result == I2cResult.Ok)
            {
                return SensorStatus.Ok;
            }

            return Failed(I2cCheck.ToStatus(result), I2cCheck.Describe(result, _bus.Address));
        }

        private SensorStatus Implausible(string detail)
        {
            return Failed(SensorStatus.Implausible, detail);
        }

        private SensorStatus Failed(SensorStatus status, string detail)
        {
            // Probe again before the next sample: after a fault the chip may have reset or been swapped.
            _ready = false;
            _detail = detail;
            return status;
        }
    }
}
