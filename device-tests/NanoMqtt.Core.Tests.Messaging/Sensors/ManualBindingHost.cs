using System;
using NanoMqtt.Sensors.Bindings;

namespace NanoMqtt.Core.Tests.Sensors
{
    /// <summary>
    /// A binding host whose worker the test runs by hand: Wake only counts, and the test decides when (and
    /// whether) the read begins and ends, as a blocked or hung worker thread would.
    /// </summary>
    public sealed class ManualBindingHost : IBindingHost, IBindingWorker
    {
        public BindingMailbox Mailbox;
        public int Wakes;
        public int Workers;

        public IBindingWorker Start(BindingMailbox mailbox)
        {
            Mailbox = mailbox;
            Workers++;
            return this;
        }

        public void Wake()
        {
            Wakes++;
        }
    }

    /// <summary>A binding whose next read the test scripts: values, "no fresh value", or an exception.</summary>
    public sealed class ScriptedReader : IBindingReader
    {
        public double[] Values;
        public bool Fresh = true;
        public string Throw;
        public int Reads;

        public ScriptedReader(params double[] values)
        {
            Values = values;
        }

        public bool Read(double[] values)
        {
            Reads++;
            if (Throw != null)
            {
                throw new InvalidOperationException(Throw);
            }

            Array.Copy(Values, values, Values.Length);
            return Fresh;
        }
    }
}
