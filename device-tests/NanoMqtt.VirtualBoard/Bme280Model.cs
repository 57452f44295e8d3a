using NanoMqtt.Core.Hardware;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>
    /// A BME280's registers: chip id 0x60, the trimming of the Bosch datasheet example (T and P; typical
    /// values for H), and raw values that change with every forced conversion along slow triangle waves. The
    /// steps are chosen so that the deadband lets some readings through and holds others (then the heartbeat
    /// sends them): humidity moves most, temperature least. No allocation after construction.
    /// </summary>
    internal sealed class Bme280Model : II2cBus
    {
        private const int RegChipId = 0xD0;
        private const int RegCalib1 = 0x88;
        private const int RegCalib2 = 0xE1;
        private const int RegCtrlMeas = 0xF4;
        private const int RegData = 0xF7;

        private static readonly int[] Trim = { 27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000 };

        private readonly byte[] _registers = new byte[256];
        private readonly int _address;

        public Bme280Model(int address)
        {
            _address = address;
            _registers[RegChipId] = 0x60;
            for (int i = 0; i < Trim.Length; i++)
            {
                _registers[RegCalib1 + 2 * i] = (byte)(Trim[i] & 0xFF);
                _registers[RegCalib1 + 2 * i + 1] = (byte)((Trim[i] >> 8) & 0xFF);
            }

            _registers[RegCalib1 + 25] = 75; // H1
            // H2 = 362, H3 = 0, H4 = 313, H5 = 50, H6 = 30 (H4 and H5 share 0xE5).
            _registers[RegCalib2] = 362 & 0xFF;
            _registers[RegCalib2 + 1] = 362 >> 8;
            _registers[RegCalib2 + 2] = 0;
            _registers[RegCalib2 + 3] = 313 >> 4;
            _registers[RegCalib2 + 4] = (313 & 0x0F) | ((50 & 0x0F) << 4);
            _registers[RegCalib2 + 5] = 50 >> 4;
            _registers[RegCalib2 + 6] = 30;
            SetData();
        }

        /// <summary>Forced conversions so far: one per reading.</summary>
        public int Conversions { get; private set; }

        public int Address
        {
            get { return _address; }
        }

        public I2cResult Write(byte[] data)
        {
            if (data.Length >= 2)
            {
                _registers[data[0]] = data[1];
                if (data[0] == RegCtrlMeas && (data[1] & 0x03) == 0x01)
                {
                    Conversions++;
                    SetData();
                }
            }

            return I2cResult.Ok;
        }

        public I2cResult Read(byte[] buffer)
        {
            return I2cResult.Ok;
        }

        public I2cResult WriteRead(byte[] write, byte[] read)
        {
            int start = write[0];
            for (int i = 0; i < read.Length; i++)
            {
                read[i] = _registers[(start + i) & 0xFF];
            }

            return I2cResult.Ok;
        }

        private void SetData()
        {
            int k = Conversions;
            // About 0.02 °C, 0.2 % and 0.05 hPa per reading against deadbands of 0.1 of each unit.
            int adcT = 519888 + Triangle(k, 480, 16000);
            int adcP = 415148 + Triangle(k, 240, 7200);
            int adcH = 30000 + Triangle(k, 120, 2400);
            _registers[RegData] = (byte)(adcP >> 12);
            _registers[RegData + 1] = (byte)((adcP >> 4) & 0xFF);
            _registers[RegData + 2] = (byte)((adcP & 0x0F) << 4);
            _registers[RegData + 3] = (byte)(adcT >> 12);
            _registers[RegData + 4] = (byte)((adcT >> 4) & 0xFF);
            _registers[RegData + 5] = (byte)((adcT & 0x0F) << 4);
            _registers[RegData + 6] = (byte)(adcH >> 8);
            _registers[RegData + 7] = (byte)(adcH & 0xFF);
        }

        /// <summary>Up and down between -amplitude/2 and +amplitude/2 over period steps.</summary>
        private static int Triangle(int step, int period, int amplitude)
        {
            int half = period / 2;
            int phase = step % period;
            int up = phase < half ? phase : period - phase;
            return up * amplitude / half - amplitude / 2;
        }
    }
}
