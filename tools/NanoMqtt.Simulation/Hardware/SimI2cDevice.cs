using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Simulation.Hardware;

/// <summary>
/// Base of the I2C register models: address, transfer counting and fault injection (an absent chip, or
/// the next N transfers failing with a chosen result), so the core's sensor-fault paths can be driven.
/// </summary>
public abstract class SimI2cDevice : II2cBus
{
    private readonly object _gate = new object();
    private int _failNext;

    protected SimI2cDevice(int address)
    {
        Address = address;
    }

    public int Address { get; }

    /// <summary>True: the chip does not answer (every transfer is an address NACK).</summary>
    public bool Absent { get; set; }

    /// <summary>The result the injected failures return.</summary>
    public I2cResult FailWith { get; set; } = I2cResult.Timeout;

    public long Transfers { get; private set; }

    /// <summary>Makes the next <paramref name="count"/> transfers fail with <see cref="FailWith"/>.</summary>
    public void FailNextTransfers(int count)
    {
        lock (_gate)
        {
            _failNext = count;
        }
    }

    public I2cResult Write(byte[] data)
    {
        lock (_gate)
        {
            I2cResult fault = Fault();
            return fault != I2cResult.Ok ? fault : OnWrite(data ?? Array.Empty<byte>());
        }
    }

    public I2cResult Read(byte[] buffer)
    {
        lock (_gate)
        {
            I2cResult fault = Fault();
            return fault != I2cResult.Ok ? fault : OnRead(buffer ?? Array.Empty<byte>());
        }
    }

    public I2cResult WriteRead(byte[] write, byte[] read)
    {
        lock (_gate)
        {
            I2cResult fault = Fault();
            if (fault != I2cResult.Ok)
            {
                return fault;
            }

            I2cResult result = OnWrite(write ?? Array.Empty<byte>());
            return result != I2cResult.Ok ? result : OnRead(read ?? Array.Empty<byte>());
        }
    }

    protected abstract I2cResult OnWrite(byte[] data);

    protected abstract I2cResult OnRead(byte[] buffer);

    private I2cResult Fault()
    {
        Transfers++;
        if (Absent)
        {
            return I2cResult.AddressNack;
        }

        if (_failNext > 0)
        {
            _failNext--;
            return FailWith;
        }

        return I2cResult.Ok;
    }
}

/// <summary>Nothing at this address: every transfer is an address NACK, as on a real bus.</summary>
public sealed class AbsentI2cDevice : SimI2cDevice
{
    public AbsentI2cDevice(int address) : base(address)
    {
        Absent = true;
    }

    protected override I2cResult OnWrite(byte[] data) => I2cResult.AddressNack;

    protected override I2cResult OnRead(byte[] buffer) => I2cResult.AddressNack;
}
