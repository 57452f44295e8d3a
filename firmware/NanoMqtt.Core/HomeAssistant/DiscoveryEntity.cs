namespace NanoMqtt.Core.HomeAssistant
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
        }

        /// <summary>"component/object", the form kept in the settings store to find removed entities.</summary>
        public string Key
        {
            get { return Component + "/" + ObjectId; }
        }

        /// <summary>
        /// Home Assistant's sensor device class and unit for one of our quantities (the channel names of the
        /// drivers), per the sensor device classes of https://www.home-assistant.io/integrations/sensor/
        /// (temperature in °C, humidity in %, pressure in hPa, illuminance in lx). Null class for others.
        /// </summary>
        public static string DeviceClassOf(string quantity)
        {
            if (quantity == "temperature" || quantity == "humidity" || quantity == "pressure")
            {
                return quantity;
            }

            return quantity == "light" || quantity == "illuminance" ? "illuminance" : null;
        }

        /// <summary>The unit Home Assistant expects for the quantity; else the driver's own (our payloads say "C" for °C).</summary>
        public static string UnitOf(string quantity, string driverUnit)
        {
            if (quantity == "temperature" || driverUnit == "C")
            {
                return "\u00B0C";
            }

            if (quantity == "humidity")
            {
                return "%";
            }

            if (quantity == "pressure")
            {
                return "hPa";
            }

            if (quantity == "light" || quantity == "illuminance")
            {
                return "lx";
            }

            return driverUnit == null || driverUnit.Length == 0 ? null : driverUnit;
        }
    }
}
