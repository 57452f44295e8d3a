namespace NanoMqtt.HomeAssistant
{
    /// <summary>
    /// One announced Home Assistant entity: which MQTT platform ("component") and which of our topics it
    /// maps. Built by <see cref="DiscoveryPublisher"/>'s Add methods.
    /// </summary>
    public sealed class DiscoveryEntity
    {
        public const string Sensor = "sensor";
        public const string BinarySensor = "binary_sensor";
        public const string Switch = "switch";
        public const string Light = "light";
        public const string Number = "number";

        /// <summary>The MQTT platform: sensor, binary_sensor, switch, light or number.</summary>
        public readonly string Component;

        /// <summary>The stream or actuator name: the object id of the discovery topic and the entity name.</summary>
        public readonly string ObjectId;

        /// <summary>Our telemetry or state topic.</summary>
        public readonly string StateTopic;

        /// <summary>How Home Assistant takes the value out of the state topic's JSON, or null (actuators).</summary>
        public readonly string ValueTemplate;

        /// <summary>Our command topic, or null for sensors.</summary>
        public readonly string CommandTopic;

        /// <summary>Home Assistant's device_class, or null.</summary>
        public readonly string DeviceClass;

        /// <summary>unit_of_measurement, or null.</summary>
        public readonly string Unit;

        /// <summary>suggested_display_precision for sensors; -1 for none.</summary>
        public readonly int Decimals;

        /// <summary>"component/object", the form kept in the settings store to find removed entities.</summary>
        public readonly string Key;

        public DiscoveryEntity(string component, string objectId, string stateTopic, string valueTemplate, string commandTopic, string deviceClass, string unit, int decimals)
        {
            Component = component;
            ObjectId = objectId;
            StateTopic = stateTopic;
            ValueTemplate = valueTemplate;
            CommandTopic = commandTopic;
            DeviceClass = deviceClass;
            Unit = unit;
            Decimals = decimals;
            Key = component + "/" + objectId;
        }
    }
}
