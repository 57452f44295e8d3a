using System.Threading;
using NanoMqtt.Sensors.Bindings;

namespace NanoMqtt.Device
{
    /// <summary>
    /// One thread per binding, started once: it sleeps until its sensor asks for a read and then runs it, so
    /// a binding that blocks (Thread.Sleep while converting) or hangs never holds the step loop. A hung read
    /// keeps its thread; the sensor reports it and asks no more until it returns, so threads never pile up.
    /// </summary>
    internal sealed class BindingThreads : IBindingHost
    {
        public IBindingWorker Start(BindingMailbox mailbox)
        {
            var worker = new Worker(mailbox);
            var thread = new Thread(worker.Run);
            // Below the step loop: a binding busy in managed code must not delay the loop.
            thread.Priority = ThreadPriority.BelowNormal;
            thread.Start();
            return worker;
        }

        private sealed class Worker : IBindingWorker
        {
            private readonly BindingMailbox _mailbox;
            private readonly AutoResetEvent _asked = new AutoResetEvent(false);

            public Worker(BindingMailbox mailbox)
            {
                _mailbox = mailbox;
            }

            public void Wake()
            {
                _asked.Set();
            }

            public void Run()
            {
                while (true)
                {
                    _asked.WaitOne();
                    _mailbox.RunPending();
                }
            }
        }
    }
}
