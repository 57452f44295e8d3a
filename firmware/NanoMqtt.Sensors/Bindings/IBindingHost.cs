namespace NanoMqtt.Sensors.Bindings
{
    /// <summary>
    /// Gives each binding one worker that calls <see cref="BindingMailbox.RunPending"/> whenever it is woken.
    /// The ESP32 shell backs it with one thread per binding (firmware/NanoMqtt.Device/BindingThreads.cs);
    /// tests with a worker they run by hand. One worker per binding for its whole life: a hung read leaves
    /// that worker stuck, and nothing is started in its place.
    /// </summary>
    public interface IBindingHost
    {
        IBindingWorker Start(BindingMailbox mailbox);
    }

    /// <summary>The step thread's handle on a binding's worker.</summary>
    public interface IBindingWorker
    {
        /// <summary>A read was requested: run it. Returns at once.</summary>
        void Wake();
    }
}
