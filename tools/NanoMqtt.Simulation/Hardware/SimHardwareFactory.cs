using System.Collections.Concurrent;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Simulation.Hardware;

/// <summary>
/// The simulated board: a BME280 at 0x76, an SHT31 at 0x44 and a BH1750 at 0x23 on its I2C bus, all
/// reading one <see cref="SimEnvironment"/>, and GPIO that records outputs and lets inputs be toggled.
/// Any other I2C address answers with NACKs, as an empty bus does. Opened pins are kept so that a test
/// or the CLI can look at them.
/// </summary>
public sealed class SimHardwareFactory : IHardwareFactory
{
    private readonly IClock _clock;
    private readonly ConcurrentDictionary<int, SimI2cDevice> _i2c = new ConcurrentDictionary<int, SimI2cDevice>();
    private readonly ConcurrentDictionary<int, SimDigitalOutput> _outputs = new ConcurrentDictionary<int, SimDigitalOutput>();
    private readonly ConcurrentDictionary<int, SimDigitalInput> _inputs = new ConcurrentDictionary<int, SimDigitalInput>();
    private readonly ConcurrentDictionary<int, SimPwmOutput> _pwm = new ConcurrentDictionary<int, SimPwmOutput>();

    public SimHardwareFactory(IClock clock, int seed)
    {
        _clock = clock;
        Environment = new SimEnvironment(seed, clock);
        Bme280 = new Bme280Model(Environment);
        Sht31 = new Sht31Model(Environment);
        Bh1750 = new Bh1750Model(Environment);
        Attach(Bme280);
        Attach(Sht31);
        Attach(Bh1750);
    }

    public SimEnvironment Environment { get; }
    public Bme280Model Bme280 { get; }
    public Sht31Model Sht31 { get; }
    public Bh1750Model Bh1750 { get; }

    /// <summary>Called when an input changes, so the host steps the device at once.</summary>
    public Action InputChanged { get; set; }

    /// <summary>Pins that fail to open (the factory returns null for them), to test the core's fault report.</summary>
    public HashSet<int> BrokenPins { get; } = new HashSet<int>();

    public IReadOnlyDictionary<int, SimDigitalOutput> Outputs => _outputs;
    public IReadOnlyDictionary<int, SimDigitalInput> Inputs => _inputs;
    public IReadOnlyDictionary<int, SimPwmOutput> PwmOutputs => _pwm;

    /// <summary>Puts another model (or replaces one) on the bus.</summary>
    public void Attach(SimI2cDevice device)
    {
        _i2c[device.Address] = device;
    }

    public II2cBus OpenI2c(int address)
    {
        return _i2c.GetOrAdd(address, a => new AbsentI2cDevice(a));
    }

    public IDigitalInput OpenInput(int pin, bool pullUp, long debounceMs)
    {
        if (BrokenPins.Contains(pin))
        {
            return null;
        }

        return _inputs.GetOrAdd(pin, p => new SimDigitalInput(p, pullUp, debounceMs, _clock) { Changed = () => InputChanged?.Invoke() });
    }

    public IDigitalOutput OpenOutput(int pin)
    {
        return BrokenPins.Contains(pin) ? null : _outputs.GetOrAdd(pin, p => new SimDigitalOutput(p));
    }

    public IPwmOutput OpenPwm(int pin, int frequencyHz)
    {
        return BrokenPins.Contains(pin) ? null : _pwm.GetOrAdd(pin, p => new SimPwmOutput(p, frequencyHz));
    }
}
