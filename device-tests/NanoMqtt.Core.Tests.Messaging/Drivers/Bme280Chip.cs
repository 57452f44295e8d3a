using NanoMqtt.Sensors.Drivers;
using NanoMqtt.Core.Tests.Fakes;

namespace NanoMqtt.Core.Tests.Drivers
{
    /// <summary>
    /// A BME280 register map on a <see cref="FakeI2cBus"/>. Temperature and pressure trimming are the
    /// worked example of the Bosch BMP280 datasheet (section 3.12; the BME280 uses the same T and P
    /// compensation); the BME280 datasheet gives no humidity example, so the humidity trimming holds
    /// typical values of a real part and the tests check it against the datasheet's floating-point formula.
    /// </summary>
    public static class Bme280Chip
    {
        public const int AdcT = 519888;
        public const int AdcP = 415148;

        public static readonly int[] Trim = { 27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000 };
        public const int H1 = 75;
        public const int H2 = 362;
        public const int H3 = 0;
        public const int H4 = 313;
        public const int H5 = 50;
        public const int H6 = 30;

        public static FakeI2cBus Create()
        {
            var bus = new FakeI2cBus(Bme280.DefaultAddress);
            bus.Registers[Bme280.RegChipId] = Bme280.ExpectedChipId;
            bus.SetRegisters(Bme280.RegCalib1, Block1());
            bus.SetRegisters(Bme280.RegCalib2, Block2());
            SetData(bus, AdcT, AdcP, 30000);
            return bus;
        }

        public static byte[] Block1()
        {
            byte[] b = new byte[26];
            for (int i = 0; i < Trim.Length; i++)
            {
                b[2 * i] = (byte)(Trim[i] & 0xFF);
                b[2 * i + 1] = (byte)((Trim[i] >> 8) & 0xFF);
            }

            b[25] = H1;
            return b;
        }

        public static byte[] Block2()
        {
            return new byte[]
            {
                (byte)(H2 & 0xFF), (byte)((H2 >> 8) & 0xFF), H3,
                (byte)((H4 >> 4) & 0xFF), (byte)((H4 & 0x0F) | ((H5 & 0x0F) << 4)), (byte)((H5 >> 4) & 0xFF),
                (byte)H6
            };
        }

        /// <summary>Puts raw 20-bit T and P and 16-bit H into the data registers 0xF7..0xFE.</summary>
        public static void SetData(FakeI2cBus bus, int adcT, int adcP, int adcH)
        {
            bus.SetRegisters(Bme280.RegData, new byte[]
            {
                (byte)(adcP >> 12), (byte)((adcP >> 4) & 0xFF), (byte)((adcP & 0x0F) << 4),
                (byte)(adcT >> 12), (byte)((adcT >> 4) & 0xFF), (byte)((adcT & 0x0F) << 4),
                (byte)(adcH >> 8), (byte)(adcH & 0xFF)
            });
        }

        /// <summary>The datasheet's double-precision humidity formula (BME280 datasheet 8.1), as the reference.</summary>
        public static double HumidityDouble(int adcH, int tFine)
        {
            double v = tFine - 76800.0;
            v = (adcH - (H4 * 64.0 + H5 / 16384.0 * v)) * (H2 / 65536.0 * (1.0 + H6 / 67108864.0 * v * (1.0 + H3 / 67108864.0 * v)));
            v = v * (1.0 - H1 * v / 524288.0);
            return v < 0 ? 0 : v > 100 ? 100 : v;
        }
    }
}
