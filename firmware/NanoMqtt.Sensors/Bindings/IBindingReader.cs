namespace NanoMqtt.Sensors.Bindings
{
    /// <summary>
    /// The user's few lines around a nanoFramework.IoT.Device binding: one read of every channel. It runs on
    /// the binding's own worker thread, never on the step thread, so it may block (the bindings sleep while
    /// converting), throw or hang; the device reports each of those and keeps its cadence.
    /// </summary>
    public interface IBindingReader
    {
        /// <summary>
        /// Reads the binding into values[0..channels), in the units its channels declare. Returns false when
        /// the binding says it has no fresh value (a failed read it would otherwise hide). Open the binding on
        /// the first call: a constructor that blocks or throws is then reported like a read.
        /// </summary>
        bool Read(double[] values);
    }
}
