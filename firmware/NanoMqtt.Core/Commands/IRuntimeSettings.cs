namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// The settings a device command may change while running. Implemented over the sensor schedule and
    /// the publisher's per-stream QoS. The router persists a change only after it was accepted here.
    /// </summary>
    public interface IRuntimeSettings
    {
        /// <summary>Sets a sensor's read interval. Null when applied, else why not ("no sensor named x").</summary>
        string SetInterval(string sensor, long intervalMs);

        /// <summary>Sets the QoS (0, 1 or 2) of a telemetry stream. Null when applied, else why not.</summary>
        string SetQos(string stream, int qos);
    }
}
