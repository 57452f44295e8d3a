using NanoMqtt.Core.Sensors;
using NanoMqtt.Sensors;
using NanoMqtt.Sensors.Bindings;

namespace NanoMqtt.Simulation.Hardware;

/// <summary>
/// The sensor types of a simulated device: the shipped drivers (on the simulated I2C bus) and stand-ins for
/// the two worked binding examples, ds18b20 and scd4x (firmware/Examples), registered with the same channels, read times and stale rule
/// and read from the same <see cref="SimEnvironment"/>. The stand-ins go through the real bridge
/// (BindingSensor, BindingMailbox); their read runs when asked, as the board's worker thread would run it.
/// </summary>
public static class SimSensorKinds
{
    public static SensorKinds Create(SimEnvironment environment)
    {
        SensorKinds kinds = BuiltInSensors.Registry();
        var host = new InlineHost();
        kinds.Register("ds18b20", new BindingKind(host, _ => new Reader(environment, false), 1000,
            new BindingChannel("temperature", "C", 2, "temperature")));
        var scd4x = new BindingKind(host, _ => new Reader(environment, true), 100,
            new BindingChannel("co2", "ppm", 0, "carbon_dioxide"),
            new BindingChannel("temperature", "C", 2, "temperature"),
            new BindingChannel("humidity", "%", 1, "humidity"));
        scd4x.StaleAfter = 5;
        kinds.Register("scd4x", scd4x);
        return kinds;
    }

    /// <summary>Runs a read as soon as it is asked: the stand-ins never block.</summary>
    private sealed class InlineHost : IBindingHost
    {
        public IBindingWorker Start(BindingMailbox mailbox) => new Worker(mailbox);

        private sealed class Worker(BindingMailbox mailbox) : IBindingWorker
        {
            public void Wake() => mailbox.RunPending();
        }
    }

    private sealed class Reader(SimEnvironment environment, bool co2) : IBindingReader
    {
        public bool Read(double[] values)
        {
            if (co2)
            {
                values[0] = Math.Round(environment.Co2Ppm);
                values[1] = environment.TemperatureC;
                values[2] = environment.HumidityPercent;
            }
            else
            {
                // The DS18B20 resolves 1/16 °C at 12 bits.
                values[0] = Math.Round(environment.TemperatureC * 16) / 16;
            }

            return true;
        }
    }
}
