namespace NanoMqtt.Sensors.Drivers
{
    /// <summary>
    /// The BME280's trimming parameters and the integer compensation of the Bosch BME280 datasheet
    /// (BST-BME280-DS002, section 4.2.2 table 16 for the layout, 4.2.3 for the formulas: temperature in
    /// 32-bit, pressure in 64-bit, humidity in 32-bit integers). The arithmetic follows the datasheet
    /// step by step, with the same widths, so its results match the datasheet's to the last bit.
    /// </summary>
    public sealed class Bme280Calibration
    {
        /// <summary>Bytes 0x88..0xA1 (dig_T1..dig_P9, a reserved byte, dig_H1).</summary>
        public const int Block1Length = 26;

        /// <summary>Bytes 0xE1..0xE7 (dig_H2..dig_H6).</summary>
        public const int Block2Length = 7;

        public int T1;
        public int T2;
        public int T3;
        public int P1;
        public int P2;
        public int P3;
        public int P4;
        public int P5;
        public int P6;
        public int P7;
        public int P8;
        public int P9;
        public int H1;
        public int H2;
        public int H3;
        public int H4;
        public int H5;
        public int H6;

        /// <summary>Decodes the two register blocks (little-endian words; H4 and H5 are 12-bit signed values sharing 0xE5).</summary>
        public static Bme280Calibration Parse(byte[] block1, byte[] block2)
        {
            Bme280Calibration c = new Bme280Calibration();
            c.T1 = U16(block1, 0);
            c.T2 = S16(block1, 2);
            c.T3 = S16(block1, 4);
            c.P1 = U16(block1, 6);
            c.P2 = S16(block1, 8);
            c.P3 = S16(block1, 10);
            c.P4 = S16(block1, 12);
            c.P5 = S16(block1, 14);
            c.P6 = S16(block1, 16);
            c.P7 = S16(block1, 18);
            c.P8 = S16(block1, 20);
            c.P9 = S16(block1, 22);
            c.H1 = block1[25];
            c.H2 = S16(block2, 0);
            c.H3 = block2[2];
            // 0xE4 holds H4[11:4], 0xE5[3:0] H4[3:0]; 0xE5[7:4] holds H5[3:0], 0xE6 H5[11:4]. The high
            // byte is signed, so the 12-bit values keep their sign.
            c.H4 = ((sbyte)block2[3] << 4) | (block2[4] & 0x0F);
            c.H5 = ((sbyte)block2[5] << 4) | (block2[4] >> 4);
            c.H6 = (sbyte)block2[6];
            return c;
        }

        /// <summary>
        /// True when the trimming looks like a real chip's: dig_T1 and dig_P1 are never 0 (P1 is a divisor),
        /// and all-0xFF blocks come from a floating bus.
        /// </summary>
        public bool LooksValid
        {
            get { return T1 != 0 && P1 != 0 && !(T1 == 0xFFFF && P1 == 0xFFFF); }
        }

        /// <summary>Temperature in 0.01 °C ("5123" is 51.23 °C); tFine carries the fine temperature to the other two.</summary>
        public int Temperature(int adcT, out int tFine)
        {
            int var1 = (((adcT >> 3) - (T1 << 1)) * T2) >> 11;
            int d = (adcT >> 4) - T1;
            int var2 = (((d * d) >> 12) * T3) >> 14;
            tFine = var1 + var2;
            return (tFine * 5 + 128) >> 8;
        }

        /// <summary>Pressure in Pa as Q24.8 ("24674867" is 24674867/256 = 96386.2 Pa); 0 when P1 is 0.</summary>
        public long PressureQ24_8(int adcP, int tFine)
        {
            long var1 = (long)tFine - 128000;
            long var2 = var1 * var1 * P6;
            var2 = var2 + ((var1 * P5) << 17);
            var2 = var2 + ((long)P4 << 35);
            var1 = ((var1 * var1 * P3) >> 8) + ((var1 * P2) << 12);
            var1 = ((((long)1 << 47) + var1) * P1) >> 33;
            if (var1 == 0)
            {
                return 0;
            }

            long p = 1048576 - adcP;
            p = (((p << 31) - var2) * 3125) / var1;
            var1 = ((long)P9 * (p >> 13) * (p >> 13)) >> 25;
            var2 = ((long)P8 * p) >> 19;
            return ((p + var1 + var2) >> 8) + ((long)P7 << 4);
        }

        /// <summary>Relative humidity in %RH as Q22.10 ("47445" is 47445/1024 = 46.333 %RH), clamped to 0..100 %.</summary>
        public int HumidityQ22_10(int adcH, int tFine)
        {
            int v = tFine - 76800;
            int a = ((adcH << 14) - (H4 << 20) - (H5 * v) + 16384) >> 15;
            int b = ((((((v * H6) >> 10) * (((v * H3) >> 11) + 32768)) >> 10) + 2097152) * H2 + 8192) >> 14;
            v = a * b;
            v = v - (((((v >> 15) * (v >> 15)) >> 7) * H1) >> 4);
            if (v < 0)
            {
                v = 0;
            }

            if (v > 419430400)
            {
                v = 419430400;
            }

            return v >> 12;
        }

        private static int U16(byte[] b, int at)
        {
            return b[at] | (b[at + 1] << 8);
        }

        private static int S16(byte[] b, int at)
        {
            return (short)(b[at] | (b[at + 1] << 8));
        }
    }
}
