using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Simulation.Hardware;

/// <summary>
/// Instruction model of a ROHM BH1750FVI (datasheet): one-byte opcodes Power Down 0x00, Power On 0x01,
/// Reset 0x07 (powered on only), continuous H-resolution 0x10, H-resolution mode 2 0x11, L-resolution
/// 0x13, one-time 0x20/0x21/0x23 (then power down), and the measurement time register MTreg set by
/// 01000_hhh (high bits) and 011_lllll (low bits), default 69. A read returns the 16-bit count, MSB
/// first: lux = count / 1.2 * (69 / MTreg), halved again in H-resolution mode 2. Measurements complete
/// at once.
/// </summary>
public sealed class Bh1750Model : SimI2cDevice
{
    public const int DefaultAddress = 0x23;

    private readonly SimEnvironment _environment;
    private bool _poweredOn;
    private int _mode;
    private int _mtreg = 69;
    private int _count;
    private bool _continuous;

    public Bh1750Model(SimEnvironment environment, int address = DefaultAddress) : base(address)
    {
        _environment = environment;
    }

    public int Measurements { get; private set; }

    public bool PoweredOn => _poweredOn;

    public int MeasurementTimeRegister => _mtreg;

    protected override I2cResult OnWrite(byte[] data)
    {
        if (data.Length == 0)
        {
            return I2cResult.Ok;
        }

        if (data.Length != 1)
        {
            return I2cResult.DataNack;
        }

        int op = data[0];
        switch (op)
        {
            case 0x00:
                _poweredOn = false;
                _continuous = false;
                return I2cResult.Ok;
            case 0x01:
                _poweredOn = true;
                return I2cResult.Ok;
            case 0x07:
                if (_poweredOn)
                {
                    _count = 0;
                }

                return I2cResult.Ok;
            case 0x10:
            case 0x11:
            case 0x13:
                _poweredOn = true;
                _continuous = true;
                _mode = op;
                Measure();
                return I2cResult.Ok;
            case 0x20:
            case 0x21:
            case 0x23:
                _mode = op & 0x1F | 0x10;
                _continuous = false;
                Measure();
                _poweredOn = false;
                return I2cResult.Ok;
        }

        if ((op & 0xF8) == 0x40)
        {
            _mtreg = ((op & 0x07) << 5) | (_mtreg & 0x1F);
            return I2cResult.Ok;
        }

        if ((op & 0xE0) == 0x60)
        {
            _mtreg = (_mtreg & 0xE0) | (op & 0x1F);
            return I2cResult.Ok;
        }

        return I2cResult.DataNack;
    }

    protected override I2cResult OnRead(byte[] buffer)
    {
        if (_continuous)
        {
            Measure();
        }

        if (buffer.Length > 0)
        {
            buffer[0] = (byte)(_count >> 8);
        }

        if (buffer.Length > 1)
        {
            buffer[1] = (byte)_count;
        }

        return I2cResult.Ok;
    }

    private void Measure()
    {
        Measurements++;
        double count = _environment.Lux * 1.2 * _mtreg / 69.0;
        if (_mode == 0x11)
        {
            count *= 2;
        }

        int c = (int)Math.Clamp(Math.Round(count), 0, 65535);
        if (_mode == 0x13)
        {
            c &= ~0x3;
        }

        _count = c;
    }
}
