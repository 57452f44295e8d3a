using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Sensors.Bindings
{
    /// <summary>
    /// A nanoFramework.IoT.Device binding as an <see cref="ISensor"/>, with no thread of its own: Start asks
    /// the binding's worker for a read and Collect, once the read's time has passed, takes its values or
    /// reports why not. A read that has not returned by then is a timeout; while it still runs, every later
    /// sample is one too (reported once by the schedule), and no second read is stacked behind it. A binding
    /// that hides a failure by repeating its last value is caught as stale after a number of identical reads.
    /// </summary>
    public sealed class BindingSensor : ISensor, ISensorClasses
    {
        private readonly BindingChannel[] _channels;
        private readonly BindingMailbox _mailbox;
        private readonly IBindingWorker _worker;
        private readonly int _readMs;
        private readonly int _staleAfter;
        private readonly double[] _values;
        private readonly long[] _last;
        private readonly long[] _scales;
        private readonly string _timeoutDetail;
        private int _sameCount;
        private bool _haveLast;
        private string _fault;

        /// <param name="readMs">The longest a read may take (the binding's conversion time and bus time); its result is collected then.</param>
        /// <param name="staleAfter">Identical reads in a row (2 or more) that count as a binding repeating a stale value; 0 = never.</param>
        public BindingSensor(BindingChannel[] channels, IBindingReader reader, IBindingHost host, int readMs, int staleAfter)
        {
            _channels = channels;
            _mailbox = new BindingMailbox(reader, channels.Length);
            _worker = host.Start(_mailbox);
            _readMs = readMs < 1 ? 1 : readMs;
            _staleAfter = staleAfter < 0 ? 0 : staleAfter;
            _values = new double[channels.Length];
            _last = new long[channels.Length];
            _scales = new long[channels.Length];
            for (int i = 0; i < channels.Length; i++)
            {
                long scale = 1;
                for (int d = 0; d < channels[i].Decimals; d++)
                {
                    scale *= 10;
                }

                _scales[i] = scale;
            }

            _timeoutDetail = "binding did not return within " + _readMs + " ms";
        }

        public int ChannelCount
        {
            get { return _channels.Length; }
        }

        public string ChannelName(int channel)
        {
            return _channels[channel].Name;
        }

        public string Unit(int channel)
        {
            return _channels[channel].Unit;
        }

        public int Decimals(int channel)
        {
            return _channels[channel].Decimals;
        }

        public string DeviceClass(int channel)
        {
            return _channels[channel].DeviceClass;
        }

        public string FaultDetail
        {
            get { return _fault; }
        }

        public SensorStatus Start(out int waitMs)
        {
            waitMs = 0;
            if (!_mailbox.TryRequest())
            {
                _fault = "binding hung: its last read has not returned";
                return SensorStatus.Timeout;
            }

            _worker.Wake();
            waitMs = _readMs;
            return SensorStatus.Ok;
        }

        public SensorStatus Collect(long[] readings)
        {
            bool fresh;
            string error;
            if (!_mailbox.TryTake(_values, out fresh, out error))
            {
                _mailbox.Abandon();
                _fault = _timeoutDetail;
                return SensorStatus.Timeout;
            }

            if (error != null)
            {
                _fault = "binding threw: " + error;
                return SensorStatus.BusError;
            }

            if (!fresh)
            {
                _fault = "binding has no fresh value";
                return SensorStatus.Implausible;
            }

            bool same = _haveLast;
            for (int i = 0; i < _values.Length; i++)
            {
                double scaled = _values[i] * _scales[i];
                // NaN fails both comparisons; the bound keeps the cast to long exact.
                if (!(scaled > -1e15 && scaled < 1e15))
                {
                    _fault = _channels[i].Name + " is not a number or out of range";
                    return SensorStatus.Implausible;
                }

                long value = (long)(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
                same &= value == _last[i];
                _last[i] = value;
                readings[i] = value;
            }

            _haveLast = true;
            _sameCount = same ? _sameCount + 1 : 0;
            if (_staleAfter > 1 && _sameCount + 1 >= _staleAfter)
            {
                _fault = "stale: the same reading " + (_sameCount + 1) + " times in a row";
                return SensorStatus.Implausible;
            }

            return SensorStatus.Ok;
        }
    }
}
