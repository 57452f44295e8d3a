using NanoMqtt.Core.Platform;

namespace NanoMqtt.Simulation.Hardware;

/// <summary>
/// The air and light around one simulated device. Values drift smoothly (two slow sine waves per
/// quantity, phases from the seed), so deadbands and heartbeats see realistic series, and two devices
/// with different seeds read different values. A test can pin any quantity with an override.
/// </summary>
public sealed class SimEnvironment
{
    private readonly IClock _clock;
    private readonly double[] _phase = new double[8];
    private readonly double _offset;

    public SimEnvironment(int seed, IClock clock)
    {
        _clock = clock;
        var random = new Random(seed);
        for (int i = 0; i < _phase.Length; i++)
        {
            _phase[i] = random.NextDouble() * 2 * Math.PI;
        }

        _offset = random.NextDouble() * 2 - 1;
    }

    public double? TemperatureOverride { get; set; }
    public double? HumidityOverride { get; set; }
    public double? PressureOverride { get; set; }
    public double? LuxOverride { get; set; }
    public double? Co2Override { get; set; }

    /// <summary>Degrees Celsius, about 18..24.</summary>
    public double TemperatureC => TemperatureOverride ?? 21 + _offset * 1.5 + Wave(0, 600_000, 1.2) + Wave(1, 97_000, 0.3);

    /// <summary>Relative humidity in percent, about 35..60.</summary>
    public double HumidityPercent => HumidityOverride ?? Math.Clamp(47 + _offset * 5 + Wave(2, 900_000, 6) + Wave(3, 130_000, 1), 0, 100);

    /// <summary>Pascals, about 101 000..101 700.</summary>
    public double PressurePa => PressureOverride ?? 101_325 + _offset * 150 + Wave(4, 1_800_000, 120) + Wave(5, 240_000, 15);

    /// <summary>Illuminance in lux, about 50..600.</summary>
    public double Lux => LuxOverride ?? Math.Max(0, 320 + _offset * 80 + Wave(6, 300_000, 220) + Wave(7, 41_000, 25));

    /// <summary>CO2 in ppm, about 450..850 (an occupied room); reuses the temperature's phase, so no other quantity moves.</summary>
    public double Co2Ppm => Co2Override ?? 650 + _offset * 50 + Wave(0, 1_200_000, 150);

    private double Wave(int index, double periodMs, double amplitude)
    {
        return amplitude * Math.Sin(2 * Math.PI * _clock.NowMs / periodMs + _phase[index]);
    }
}
