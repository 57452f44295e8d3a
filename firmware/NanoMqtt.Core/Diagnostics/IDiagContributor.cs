using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Diagnostics
{
    /// <summary>
    /// A part of the device that adds its own fields to the diag message (sensor faults, actuator safe
    /// state...). It writes name/value pairs into the diag object that is already open.
    /// </summary>
    public interface IDiagContributor
    {
        void WriteDiag(JsonWriter w);
    }
}
