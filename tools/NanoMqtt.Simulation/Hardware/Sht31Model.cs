using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Simulation.Hardware;

/// <summary>
/// Command model of a Sensirion SHT31 (SHT3x-DIS datasheet). Commands are 16 bits, MSB first: single
/// shot 0x2C06/0x2C0D/0x2C10 (clock stretching) and 0x2400/0x240B/0x2416, periodic modes 0x20xx..0x27xx
/// with fetch 0xE000, status 0xF32D, clear status 0x3041, soft reset 0x30A2, heater 0x306D/0x3066,
/// break 0x3093. A measurement reads as 6 bytes: T msb, T lsb, CRC, RH msb, RH lsb, CRC, with CRC-8
/// (polynomial 0x31, init 0xFF). A read with no data waiting is NACKed, as the chip does.
/// </summary>
public sealed class Sht31Model : SimI2cDevice
{
    public const int DefaultAddress = 0x44;

    private readonly SimEnvironment _environment;
    private readonly byte[] _out = new byte[6];
    private int _outLength;
    private bool _periodic;
    private bool _heater;
    private bool _lastCommandFailed;

    public Sht31Model(SimEnvironment environment, int address = DefaultAddress) : base(address)
    {
        _environment = environment;
    }

    public int Measurements { get; private set; }

    /// <summary>When true, the next measurement is sent with a wrong CRC on the temperature word.</summary>
    public bool CorruptNextCrc { get; set; }

    protected override I2cResult OnWrite(byte[] data)
    {
        if (data.Length == 0)
        {
            return I2cResult.Ok;
        }

        if (data.Length < 2)
        {
            _lastCommandFailed = true;
            return I2cResult.DataNack;
        }

        int command = (data[0] << 8) | data[1];
        _lastCommandFailed = false;
        switch (command)
        {
            case 0x2C06:
            case 0x2C0D:
            case 0x2C10:
            case 0x2400:
            case 0x240B:
            case 0x2416:
                Measure();
                return I2cResult.Ok;
            case 0xE000:
                if (!_periodic)
                {
                    _outLength = 0;
                    return I2cResult.Ok;
                }

                Measure();
                return I2cResult.Ok;
            case 0xF32D:
                int status = (_heater ? 1 << 13 : 0) | (_lastCommandFailed ? 1 << 1 : 0);
                _out[0] = (byte)(status >> 8);
                _out[1] = (byte)status;
                _out[2] = Crc8(_out, 0, 2);
                _outLength = 3;
                return I2cResult.Ok;
            case 0x3041:
                return I2cResult.Ok;
            case 0x30A2:
            case 0x3093:
                _periodic = false;
                _heater = false;
                _outLength = 0;
                return I2cResult.Ok;
            case 0x306D:
                _heater = true;
                return I2cResult.Ok;
            case 0x3066:
                _heater = false;
                return I2cResult.Ok;
        }

        int msb = command >> 8;
        if (msb >= 0x20 && msb <= 0x27)
        {
            _periodic = true;
            return I2cResult.Ok;
        }

        _lastCommandFailed = true;
        return I2cResult.DataNack;
    }

    protected override I2cResult OnRead(byte[] buffer)
    {
        if (_outLength == 0)
        {
            return I2cResult.AddressNack;
        }

        int n = Math.Min(buffer.Length, _outLength);
        Array.Copy(_out, buffer, n);
        _outLength = 0;
        return n == buffer.Length ? I2cResult.Ok : I2cResult.BusError;
    }

    private void Measure()
    {
        Measurements++;
        // T = -45 + 175 * S_T / 65535; RH = 100 * S_RH / 65535.
        int rawT = (int)Math.Round(Math.Clamp((_environment.TemperatureC + 45) * 65535 / 175, 0, 65535));
        int rawH = (int)Math.Round(Math.Clamp(_environment.HumidityPercent * 65535 / 100, 0, 65535));
        _out[0] = (byte)(rawT >> 8);
        _out[1] = (byte)rawT;
        _out[2] = Crc8(_out, 0, 2);
        _out[3] = (byte)(rawH >> 8);
        _out[4] = (byte)rawH;
        _out[5] = Crc8(_out, 3, 2);
        if (CorruptNextCrc)
        {
            _out[2] ^= 0x5A;
            CorruptNextCrc = false;
        }

        _outLength = 6;
    }

    /// <summary>Sensirion's CRC-8: polynomial 0x31, initial 0xFF, no final XOR (0xBEEF gives 0x92).</summary>
    public static byte Crc8(byte[] data, int offset, int count)
    {
        int crc = 0xFF;
        for (int i = 0; i < count; i++)
        {
            crc ^= data[offset + i];
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
            }
        }

        return (byte)crc;
    }
}
