using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Sensors.Drivers
{
    /// <summary>
    /// ROHM BH1750FVI ambient light over I2C, in lx with 1 decimal. Written from the datasheet (ROHM
    /// BH1750FVI technical note): each sample sends "Power On" (0000_0001) and "One Time H-Resolution
    /// Mode" (0010_0000) as separate transfers (the chip takes one opcode per stop condition), waits the
    /// maximum H-resolution measurement time of 180 ms, and reads two bytes, high first. The chip powers
    /// down by itself after a one-time measurement, so it draws ~0.01 µA between samples.
    /// lx = raw / 1.2 with the default measurement time register (69): the datasheet's example
    /// 1000_0011 1001_0000 gives 28067 lx. There is no status or CRC, so the bus result is the only check.
    /// </summary>
    public sealed class Bh1750 : ISensor
    {
        /// <summary>ADDR low ("0100011"); 0x5C with ADDR high.</summary>
        public const int DefaultAddress = 0x23;
        public const byte PowerOn = 0x01;
        public const byte OneTimeHighResolution = 0x20;

        /// <summary>Datasheet: H-resolution measurement time typ. 120 ms, max. 180 ms.</summary>
        public const int MeasurementMs = 180;

        private readonly II2cBus _bus;
        private readonly byte[] _opcode = new byte[1];
        private readonly byte[] _result = new byte[2];
        private bool _started;
        private string _detail;

        public Bh1750(II2cBus bus)
        {
            _bus = bus;
        }

        public int ChannelCount
        {
            get { return 1; }
        }

        public string ChannelName(int channel)
        {
            return "light";
        }

        public string Unit(int channel)
        {
            return "lx";
        }

        public int Decimals(int channel)
        {
            return 1;
        }

        public string FaultDetail
        {
            get { return _detail; }
        }

        public SensorStatus Start(out int waitMs)
        {
            waitMs = 0;
            _started = false;
            SensorStatus s = Send(PowerOn);
            if (s == SensorStatus.Ok)
            {
                s = Send(OneTimeHighResolution);
            }

            if (s != SensorStatus.Ok)
            {
                return s;
            }

            _started = true;
            waitMs = MeasurementMs;
            return SensorStatus.Ok;
        }

        public SensorStatus Collect(long[] readings)
        {
            if (!_started)
            {
                _detail = "collect without a started measurement";
                return SensorStatus.BusError;
            }

            _started = false;
            I2cResult r = _bus.Read(_result);
            if (r != I2cResult.Ok)
            {
                _detail = I2cCheck.Describe(r, _bus.Address);
                return I2cCheck.ToStatus(r);
            }

            readings[0] = TenthsLux((_result[0] << 8) | _result[1]);
            return SensorStatus.Ok;
        }

        /// <summary>raw / 1.2 in 0.1 lx, rounded to nearest: raw * 50 / 6.</summary>
        public static long TenthsLux(int raw)
        {
            return (raw * 50L + 3) / 6;
        }

        private SensorStatus Send(byte opcode)
        {
            _opcode[0] = opcode;
            I2cResult r = _bus.Write(_opcode);
            if (r == I2cResult.Ok)
            {
                return SensorStatus.Ok;
            }

            _detail = I2cCheck.Describe(r, _bus.Address);
            return I2cCheck.ToStatus(r);
        }
    }
}
