using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Sensors.Drivers
{
    /// <summary>Repeatability of an SHT3x single-shot measurement: more repeatable takes longer.</summary>
    public enum Sht3xRepeatability
    {
        High,
        Medium,
        Low
    }

    /// <summary>
    /// Sensirion SHT3x-DIS (SHT30/31/35) over I2C: temperature (°C, 2 decimals) and humidity (%, 1 decimal).
    /// Written from the datasheet (Sensirion SHT3x-DIS, sections 4.3, 4.12, 4.13): a single-shot
    /// measurement with clock stretching disabled (commands 0x2400 / 0x240B / 0x2416), so the bus is
    /// never held; while the conversion runs the sensor does not acknowledge the read header, which this
    /// driver answers with NotReady. The result is T(MSB, LSB, CRC) RH(MSB, LSB, CRC); every CRC is
    /// checked (CRC-8, polynomial 0x31, init 0xFF, no reflection, no final XOR).
    /// T = -45 + 175 * S_T / 65535, RH = 100 * S_RH / 65535, computed in integers with rounding.
    /// </summary>
    public sealed class Sht3x : ISensor
    {
        /// <summary>ADDR pin low; 0x45 with ADDR high.</summary>
        public const int DefaultAddress = 0x44;

        private readonly II2cBus _bus;
        private readonly byte[] _command = new byte[2];
        private readonly byte[] _result = new byte[6];
        private readonly int _waitMs;
        private bool _started;
        private string _detail;

        public Sht3x(II2cBus bus) : this(bus, Sht3xRepeatability.High)
        {
        }

        public Sht3x(II2cBus bus, Sht3xRepeatability repeatability)
        {
            _bus = bus;
            _command[0] = 0x24;
            // Datasheet table 4, max measurement duration: high 15 ms, medium 6 ms, low 4 ms (+1 ms margin).
            switch (repeatability)
            {
                case Sht3xRepeatability.Medium:
                    _command[1] = 0x0B;
                    _waitMs = 7;
                    break;
                case Sht3xRepeatability.Low:
                    _command[1] = 0x16;
                    _waitMs = 5;
                    break;
                default:
                    _command[1] = 0x00;
                    _waitMs = 16;
                    break;
            }
        }

        public int ChannelCount
        {
            get { return 2; }
        }

        public string ChannelName(int channel)
        {
            return channel == 0 ? "temperature" : "humidity";
        }

        public string Unit(int channel)
        {
            return channel == 0 ? "C" : "%";
        }

        public int Decimals(int channel)
        {
            return channel == 0 ? 2 : 1;
        }

        public string FaultDetail
        {
            get { return _detail; }
        }

        public SensorStatus Start(out int waitMs)
        {
            waitMs = 0;
            _started = false;
            I2cResult r = _bus.Write(_command);
            if (r != I2cResult.Ok)
            {
                return Failed(I2cCheck.ToStatus(r), I2cCheck.Describe(r, _bus.Address));
            }

            _started = true;
            waitMs = _waitMs;
            return SensorStatus.Ok;
        }

        public SensorStatus Collect(long[] readings)
        {
            if (!_started)
            {
                return Failed(SensorStatus.BusError, "collect without a started measurement");
            }

            I2cResult r = _bus.Read(_result);
            if (r == I2cResult.AddressNack)
            {
                // No clock stretching: a read header NACK means "still measuring" (datasheet 4.4).
                _detail = "measurement not ready";
                return SensorStatus.NotReady;
            }

            _started = false;
            if (r != I2cResult.Ok)
            {
                return Failed(I2cCheck.ToStatus(r), I2cCheck.Describe(r, _bus.Address));
            }

            if (Crc8(_result, 0, 2) != _result[2])
            {
                return Failed(SensorStatus.BadCrc, "temperature CRC mismatch at " + I2cCheck.Hex(_bus.Address));
            }

            if (Crc8(_result, 3, 2) != _result[5])
            {
                return Failed(SensorStatus.BadCrc, "humidity CRC mismatch at " + I2cCheck.Hex(_bus.Address));
            }

            readings[0] = CentiCelsius((_result[0] << 8) | _result[1]);
            readings[1] = TenthsPercent((_result[3] << 8) | _result[4]);
            return SensorStatus.Ok;
        }

        /// <summary>T in 0.01 °C from the raw word: -4500 + 17500 * raw / 65535, rounded to nearest.</summary>
        public static long CentiCelsius(int raw)
        {
            return (17500L * raw + 32767) / 65535 - 4500;
        }

        /// <summary>RH in 0.1 % from the raw word: 1000 * raw / 65535, rounded to nearest.</summary>
        public static long TenthsPercent(int raw)
        {
            return (1000L * raw + 32767) / 65535;
        }

        /// <summary>Sensirion CRC-8 over count bytes: polynomial 0x31 (x^8 + x^5 + x^4 + 1), init 0xFF. CRC(0xBEEF) = 0x92.</summary>
        public static byte Crc8(byte[] data, int offset, int count)
        {
            int crc = 0xFF;
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
                }
            }

            return (byte)crc;
        }

        private SensorStatus Failed(SensorStatus status, string detail)
        {
            _detail = detail;
            return status;
        }
    }
}
