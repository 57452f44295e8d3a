using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.Core.HomeAssistant
{
    /// <summary>
    /// Home Assistant discovery as <see cref="Device.FieldDevice"/> drives it. The NanoMqtt.HomeAssistant library
    /// implements it (DiscoveryPublisher); a board built without that library does not load its code.
    /// </summary>
    public interface IDiscovery
    {
        /// <summary>Nothing queued or planned: the configs are in the outbox (a sleeping device's wake waits for it).</summary>
        bool Done { get; }

        /// <summary>A digital input (a binary sensor).</summary>
        void AddBinarySensor(string stream);

        /// <summary>A scheduled sensor: each of its quantities is an entity.</summary>
        void AddSensor(string name, ISensor sensor);

        /// <summary>A relay, an LED or a PWM output.</summary>
        void AddActuator(string name, ActuatorKind kind);

        /// <summary>Takes Home Assistant's birth message: true when the message was on {ha}/status (consumed).</summary>
        bool TakeMessage(LinkEvent message, long nowMs);

        /// <summary>Publishes what is queued; returns when it wants the next step.</summary>
        long Step(long nowMs);
    }
}
