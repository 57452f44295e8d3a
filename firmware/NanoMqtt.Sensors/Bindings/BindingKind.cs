using NanoMqtt.Core.Config;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Sensors.Bindings
{
    /// <summary>
    /// Makes the reader of one [sensor.NAME] section (its address, its pin). Called on the step thread: keep it
    /// cheap, and open the binding in the reader's first Read, on its worker thread.
    /// </summary>
    public delegate IBindingReader BindingOpener(SensorConfig config);

    /// <summary>
    /// A binding registered as a sensor type: what it measures (its channels), how long a read may take, and
    /// how a section's reader is made. Each section of the type gets its own reader, mailbox and worker.
    /// </summary>
    public sealed class BindingKind : ISensorKind
    {
        private readonly IBindingHost _host;
        private readonly BindingOpener _open;
        private readonly int _readMs;
        private readonly BindingChannel[] _channels;

        /// <summary>Identical reads in a row (2 or more) that count as stale (0, the default, = never); for bindings that repeat a value on a failed read.</summary>
        public int StaleAfter;

        /// <param name="readMs">The longest a read may take (conversion and bus time); the sample is collected then.</param>
        public BindingKind(IBindingHost host, BindingOpener open, int readMs, params BindingChannel[] channels)
        {
            _host = host;
            _open = open;
            _readMs = readMs;
            _channels = channels;
        }

        public ISensor Create(SensorConfig config, IHardwareFactory hardware)
        {
            return new BindingSensor(_channels, _open(config), _host, _readMs, StaleAfter);
        }
    }
}
