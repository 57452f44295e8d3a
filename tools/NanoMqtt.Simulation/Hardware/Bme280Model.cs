using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Simulation.Hardware;

/// <summary>
/// Register model of a Bosch BME280 on I2C (datasheet register map): chip id 0x60 at 0xD0, soft reset at
/// 0xE0 (0xB6), trimming parameters at 0x88..0xA1 and 0xE1..0xE7, ctrl_hum 0xF2, status 0xF3, ctrl_meas
/// 0xF4, config 0xF5, and the burst-read data at 0xF7..0xFE (press msb/lsb/xlsb, temp msb/lsb/xlsb, hum
/// msb/lsb). A write is a register address followed by (value) or by (value, address, value...) pairs;
/// a read auto-increments from the last address written. The raw ADC values are found by inverting the
/// datasheet's compensation formulas, so a correct driver reads back the environment's values.
/// Measurements complete at once (status never shows "measuring").
/// </summary>
public sealed class Bme280Model : SimI2cDevice
{
    public const int DefaultAddress = 0x76;
    public const byte ChipId = 0x60;

    // Trimming values: T1..P9 are the worked example of Bosch's BMP280/BME280 datasheet; H1..H6 are
    // typical of a real part.
    public const ushort T1 = 27504;
    public const short T2 = 26435, T3 = -1000;
    public const ushort P1 = 36477;
    public const short P2 = -10685, P3 = 3024, P4 = 2855, P5 = 140, P6 = -7, P7 = 15500, P8 = -14600, P9 = 6000;
    public const byte H1 = 75;
    public const short H2 = 362;
    public const byte H3 = 0;
    public const short H4 = 313, H5 = 50;
    public const sbyte H6 = 30;

    private readonly SimEnvironment _environment;
    private readonly byte[] _regs = new byte[256];
    private int _pointer;

    public Bme280Model(SimEnvironment environment, int address = DefaultAddress) : base(address)
    {
        _environment = environment;
        Reset();
    }

    /// <summary>How many measurements were taken (forced triggers and normal-mode reads).</summary>
    public int Measurements { get; private set; }

    public byte Register(int address) => _regs[address & 0xFF];

    protected override I2cResult OnWrite(byte[] data)
    {
        if (data.Length == 0)
        {
            return I2cResult.Ok;
        }

        // One byte sets the read pointer; longer writes are (register, value) pairs.
        _pointer = data[0];
        for (int i = 0; i + 1 < data.Length; i += 2)
        {
            WriteRegister(data[i], data[i + 1]);
        }

        return I2cResult.Ok;
    }

    protected override I2cResult OnRead(byte[] buffer)
    {
        if ((_regs[0xF4] & 0x03) == 0x03 && _pointer >= 0xF7 && _pointer <= 0xFE)
        {
            Measure();
        }

        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _regs[(_pointer + i) & 0xFF];
        }

        return I2cResult.Ok;
    }

    private void WriteRegister(int reg, byte value)
    {
        switch (reg)
        {
            case 0xE0:
                if (value == 0xB6)
                {
                    Reset();
                }

                break;
            case 0xF2:
                _regs[0xF2] = (byte)(value & 0x07);
                break;
            case 0xF4:
                _regs[0xF4] = value;
                int mode = value & 0x03;
                if (mode == 0x01 || mode == 0x02)
                {
                    // Forced mode: one measurement, then back to sleep.
                    Measure();
                    _regs[0xF4] = (byte)(value & 0xFC);
                }

                break;
            case 0xF5:
                _regs[0xF5] = (byte)(value & 0xFD);
                break;
        }
    }

    private void Reset()
    {
        Array.Clear(_regs);
        _regs[0xD0] = ChipId;
        PutU16(0x88, T1);
        PutU16(0x8A, unchecked((ushort)T2));
        PutU16(0x8C, unchecked((ushort)T3));
        PutU16(0x8E, P1);
        PutU16(0x90, unchecked((ushort)P2));
        PutU16(0x92, unchecked((ushort)P3));
        PutU16(0x94, unchecked((ushort)P4));
        PutU16(0x96, unchecked((ushort)P5));
        PutU16(0x98, unchecked((ushort)P6));
        PutU16(0x9A, unchecked((ushort)P7));
        PutU16(0x9C, unchecked((ushort)P8));
        PutU16(0x9E, unchecked((ushort)P9));
        _regs[0xA1] = H1;
        PutU16(0xE1, unchecked((ushort)H2));
        _regs[0xE3] = H3;
        // dig_H4 = E4[7:0] << 4 | E5[3:0]; dig_H5 = E6[7:0] << 4 | E5[7:4].
        _regs[0xE4] = (byte)(H4 >> 4);
        _regs[0xE5] = (byte)((H4 & 0x0F) | ((H5 & 0x0F) << 4));
        _regs[0xE6] = (byte)(H5 >> 4);
        _regs[0xE7] = (byte)H6;
        // Data registers after reset: 0x80000 for pressure and temperature, 0x8000 for humidity.
        _regs[0xF7] = 0x80;
        _regs[0xFA] = 0x80;
        _regs[0xFD] = 0x80;
    }

    private void PutU16(int reg, ushort value)
    {
        _regs[reg] = (byte)(value & 0xFF);
        _regs[reg + 1] = (byte)(value >> 8);
    }

    private void Measure()
    {
        Measurements++;
        double t = _environment.TemperatureC;
        int adcT = InvertIncreasing(x => CompensateTemperature(x, out _), t, 0, (1 << 20) - 1);
        CompensateTemperature(adcT, out double tFine);
        int adcP = InvertDecreasing(x => CompensatePressure(x, tFine), _environment.PressurePa, 0, (1 << 20) - 1);
        int adcH = InvertIncreasing(x => CompensateHumidity(x, tFine), _environment.HumidityPercent, 0, 65535);
        Put20(0xF7, adcP);
        Put20(0xFA, adcT);
        _regs[0xFD] = (byte)(adcH >> 8);
        _regs[0xFE] = (byte)(adcH & 0xFF);
    }

    private void Put20(int reg, int value)
    {
        _regs[reg] = (byte)(value >> 12);
        _regs[reg + 1] = (byte)(value >> 4);
        _regs[reg + 2] = (byte)((value & 0x0F) << 4);
    }

    /// <summary>Datasheet compensation (floating-point version): degrees Celsius.</summary>
    public static double CompensateTemperature(int adcT, out double tFine)
    {
        double var1 = (adcT / 16384.0 - T1 / 1024.0) * T2;
        double d = adcT / 131072.0 - T1 / 8192.0;
        double var2 = d * d * T3;
        tFine = var1 + var2;
        return tFine / 5120.0;
    }

    /// <summary>Datasheet compensation (floating-point version): pascals.</summary>
    public static double CompensatePressure(int adcP, double tFine)
    {
        double var1 = tFine / 2.0 - 64000.0;
        double var2 = var1 * var1 * P6 / 32768.0;
        var2 += var1 * P5 * 2.0;
        var2 = var2 / 4.0 + P4 * 65536.0;
        var1 = (P3 * var1 * var1 / 524288.0 + P2 * var1) / 524288.0;
        var1 = (1.0 + var1 / 32768.0) * P1;
        if (var1 == 0)
        {
            return 0;
        }

        double p = 1048576.0 - adcP;
        p = (p - var2 / 4096.0) * 6250.0 / var1;
        var1 = P9 * p * p / 2147483648.0;
        var2 = p * P8 / 32768.0;
        return p + (var1 + var2 + P7) / 16.0;
    }

    /// <summary>Datasheet compensation (floating-point version): percent relative humidity, 0..100.</summary>
    public static double CompensateHumidity(int adcH, double tFine)
    {
        double h = tFine - 76800.0;
        h = (adcH - (H4 * 64.0 + H5 / 16384.0 * h)) * (H2 / 65536.0 * (1.0 + H6 / 67108864.0 * h * (1.0 + H3 / 67108864.0 * h)));
        h *= 1.0 - H1 * h / 524288.0;
        return Math.Clamp(h, 0, 100);
    }

    private static int InvertIncreasing(Func<int, double> f, double target, int lo, int hi)
    {
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (f(mid) < target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int InvertDecreasing(Func<int, double> f, double target, int lo, int hi)
    {
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (f(mid) > target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
