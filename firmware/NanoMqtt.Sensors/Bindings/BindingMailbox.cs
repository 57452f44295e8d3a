using System;

namespace NanoMqtt.Sensors.Bindings
{
    /// <summary>
    /// What the step thread and a binding's worker share: one request, one result. The step thread asks and
    /// later takes the result; the worker runs the read in between. A read that outlives its sample is left
    /// to finish and its result dropped; no second read is asked while it runs.
    /// </summary>
    public sealed class BindingMailbox
    {
        private const int Idle = 0;
        private const int Requested = 1;
        private const int Reading = 2;
        private const int Done = 3;

        private readonly object _gate = new object();
        private readonly IBindingReader _reader;
        private readonly double[] _work;
        private readonly double[] _result;
        private int _state;
        private bool _fresh;
        private string _error;

        public BindingMailbox(IBindingReader reader, int channels)
        {
            _reader = reader;
            _work = new double[channels];
            _result = new double[channels];
        }

        /// <summary>Step thread: asks for a read. False while the last one still runs (the binding hangs).</summary>
        public bool TryRequest()
        {
            lock (_gate)
            {
                if (_state == Reading)
                {
                    return false;
                }

                // A result that came after its sample was given up is old by now: dropped.
                _state = Requested;
                return true;
            }
        }

        /// <summary>Step thread: gives up the request. A read already running finishes into the void.</summary>
        public void Abandon()
        {
            lock (_gate)
            {
                if (_state == Requested || _state == Done)
                {
                    _state = Idle;
                }
            }
        }

        /// <summary>
        /// Step thread: when the read has ended, copies its values and returns true; fresh says whether the
        /// binding had a value, error is the exception's text when it threw (else null).
        /// </summary>
        public bool TryTake(double[] values, out bool fresh, out string error)
        {
            lock (_gate)
            {
                fresh = _fresh;
                error = _error;
                if (_state != Done)
                {
                    return false;
                }

                Array.Copy(_result, values, _result.Length);
                _state = Idle;
                return true;
            }
        }

        /// <summary>Worker thread: runs the requested read, if any. May block as long as the binding does.</summary>
        public void RunPending()
        {
            if (!BeginRead())
            {
                return;
            }

            bool fresh = false;
            string error = null;
            try
            {
                fresh = _reader.Read(_work);
            }
            catch (Exception e)
            {
                error = e.Message == null || e.Message.Length == 0 ? e.GetType().Name : e.Message;
            }

            EndRead(fresh, error);
        }

        /// <summary>Worker side, first half of <see cref="RunPending"/> (tests drive a hung read with it).</summary>
        public bool BeginRead()
        {
            lock (_gate)
            {
                if (_state != Requested)
                {
                    return false;
                }

                _state = Reading;
                return true;
            }
        }

        /// <summary>Worker side, second half of <see cref="RunPending"/>: publishes the read's outcome.</summary>
        public void EndRead(bool fresh, string error)
        {
            lock (_gate)
            {
                Array.Copy(_work, _result, _work.Length);
                _fresh = fresh;
                _error = error;
                _state = Done;
            }
        }
    }
}
