using NanoMqtt.Core.Config;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Sensors.Bindings
{
    /// <summary>Makes the reader of one [sensor.NAME] section (its address, its pin) for a binding kind.</summary>
    public interface IBindingFactory
    {
        /// <summary>Called on the step thread: keep it cheap and open the binding in the reader's first Read.</summary>
        IBindingReader Open(SensorConfig config);
    }

    /// <summary>
    /// A binding registered as a sensor type: what it measures (its channels), how long a read may take, and
    /// the factory of its readers. Each section of the type gets its own reader, mailbox and worker.
    /// </summary>
    public sealed class BindingKind : ISensorKind
    {
        private readonly IBindingHost _host;
        private readonly IBindingFactory _factory;
        private readonly int _readMs;
        private readonly BindingChannel[] _channels;

        /// <summary>Identical reads in a row (2 or more) that count as stale (0, the default, = never); for bindings that repeat a value on a failed read.</summary>
        public int StaleAfter;

        public BindingKind(IBindingHost host, IBindingFactory factory, int readMs, BindingChannel[] channels)
        {
            _host = host;
            _factory = factory;
            _readMs = readMs;
            _channels = channels;
        }

        public ISensor Create(SensorConfig config, IHardwareFactory hardware)
        {
            return new BindingSensor(_channels, _factory.Open(config), _host, _readMs, StaleAfter);
        }
    }
}
