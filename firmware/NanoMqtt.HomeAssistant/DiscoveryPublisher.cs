using System;
using System.Collections;
using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Device;
using NanoMqtt.Core.HomeAssistant;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;
using NanoMqtt.Core.Sensors;

namespace NanoMqtt.HomeAssistant
{
    /// <summary>
    /// Home Assistant MQTT discovery: retained configs under {ha}/{component}/{node}/{object}/config that map
    /// our own topics (which stay as they are) to Home Assistant entities. Published at every connect (or,
    /// with OnlyWhenChanged, when something changed) and again, after a random delay, when Home Assistant's
    /// birth message says "online" on {ha}/status. An entity that disappeared from the config since the last
    /// announcement gets an empty retained config, which removes it from Home Assistant; the announced list
    /// lives in the settings store so this also works across a reboot with a new nf.config.
    ///
    /// Field names follow the Home Assistant docs: the discovery topic, payload, removal by an empty payload,
    /// the birth message and availability: https://www.home-assistant.io/integrations/mqtt/ ("MQTT
    /// Discovery", "Discovery messages and availability", "Using Availability topics"); per platform:
    /// sensor.mqtt, binary_sensor.mqtt, switch.mqtt, light.mqtt (default schema) and number.mqtt. They are
    /// written with the abbreviated keys and the "~" base topic that discovery accepts (Home Assistant's
    /// mqtt/abbreviations.py lists the keys), as ESPHome writes them: a config is about a fifth shorter.
    /// Configs go out through the outbox (QoS 1, retained), paced so they never push readings out of it.
    /// </summary>
    public sealed class DiscoveryPublisher : IDiscovery, ISessionObserver
    {
        /// <summary>
        /// Our status topic says "online", "offline" (the will) or "sleeping". Home Assistant compares the
        /// template's result with payload_available / payload_not_available, so a sleeping device stays
        /// available with its last readings, and only "offline" makes it unavailable.
        /// </summary>
        public const string AvailabilityTemplate = "{{ 'offline' if value == 'offline' else 'online' }}";

        /// <summary>A one-value stream's JSON is {"v":21.37,"seq":42,...}: Home Assistant takes v.</summary>
        public const string ValueTemplate = "{{ value_json.v }}";

        private const long Never = long.MaxValue;

        private readonly DiscoveryOptions _options;
        private readonly bool _enabled;
        private readonly IBrokerSession _session;
        private readonly Topics _topics;
        private readonly ISettingsStore _store;
        private readonly IJitterSource _jitter;
        /// <summary>The node id of our discovery topics: our prefix and device id, limited to [a-zA-Z0-9_-].</summary>
        public readonly string Node;
        private readonly string _birthTopic;
        private readonly ArrayList _entities = new ArrayList();
        private readonly ArrayList _pending = new ArrayList();
        private readonly JsonWriter _json = new JsonWriter(1024);
        private string _storedText;
        private string _storeAfter;
        private bool _writeStore;
        private string _hash;
        private long _announceAtMs = Never;

        public DiscoveryPublisher(DiscoveryOptions options, IBrokerSession session, ISettingsStore store, IJitterSource jitter)
        {
            if (session == null || store == null || jitter == null)
            {
                throw new ArgumentNullException();
            }

            _options = options ?? new DiscoveryOptions();
            // A bad prefix would put configs on odd topics: then the publisher does nothing at all, not even
            // the removal of what an earlier boot announced (nothing stored is read).
            bool usable = _options.Validate() == null;
            _enabled = _options.Enabled && usable;
            _session = session;
            _topics = session.Topics;
            _store = store;
            _jitter = jitter;
            Node = NodeId(_topics.Prefix, _topics.DeviceId);
            _birthTopic = _options.Prefix + "/status";
            _storedText = usable ? store.Read(DiscoveryOptions.StoreKey) : null;
            session.AddObserver(this);
        }

        /// <summary>Nothing queued or planned: the configs are in the outbox (a sleeping device's wake waits for it).</summary>
        public bool Done => _pending.Count == 0 && _announceAtMs == Never;

        /// <summary>A scheduled sensor: each quantity (channel) of its driver is an entity of Home Assistant.</summary>
        public void AddSensor(string name, ISensor sensor)
        {
            int channels = sensor.ChannelCount;
            var classes = sensor as ISensorClasses;
            for (int c = 0; c < channels; c++)
            {
                AddQuantity(name, channels == 1, sensor.ChannelName(c), sensor.Unit(c), sensor.Decimals(c),
                    classes == null ? null : classes.DeviceClass(c));
            }
        }

        /// <summary>
        /// One quantity of a sensor; quantity is the driver's channel name, which gives the device class and
        /// unit unless the sensor names its class (deviceClass, else null). A one-quantity sensor's entity is the sensor, its value "v"; otherwise the entity is
        /// {sensor}_{quantity}, its value the quantity's member of the sensor's message.
        /// </summary>
        private void AddQuantity(string sensor, bool oneQuantity, string quantity, string driverUnit, int decimals, string deviceClass)
        {
            // Home Assistant's sensor device class and unit for the channel names of our drivers, per the sensor
            // device classes of https://www.home-assistant.io/integrations/sensor/ (temperature in °C, humidity in %,
            // pressure in hPa, illuminance in lx). Other quantities keep the driver's unit and have no class.
            string unit = driverUnit == null || driverUnit.Length == 0 ? null : driverUnit;
            string derivedClass = null;
            if (quantity == "temperature" || quantity == "humidity" || quantity == "pressure")
            {
                derivedClass = quantity;
                unit = quantity == "humidity" ? "%" : quantity == "pressure" ? "hPa" : unit;
            }
            else if (quantity == "light" || quantity == "illuminance")
            {
                derivedClass = "illuminance";
                unit = "lx";
            }

            // Our payloads say "C" for °C.
            if (quantity == "temperature" || driverUnit == "C")
            {
                unit = "\u00B0C";
            }

            Add(new DiscoveryEntity(DiscoveryEntity.Sensor, oneQuantity ? sensor : sensor + "_" + quantity, _topics.Telemetry(sensor),
                oneQuantity ? ValueTemplate : "{{ value_json." + quantity + " }}", null,
                deviceClass != null ? deviceClass : derivedClass, unit, decimals));
        }

        /// <summary>A digital input (our payload's v is 1 or 0).</summary>
        public void AddBinarySensor(string stream)
        {
            Add(new DiscoveryEntity(DiscoveryEntity.BinarySensor, stream, _topics.Telemetry(stream), ValueTemplate, null, null, null, -1));
        }

        /// <summary>A relay (switch), an LED (light) or a PWM output (number, 0..100 %).</summary>
        public void AddActuator(string name, ActuatorKind kind)
        {
            string component = kind == ActuatorKind.Pwm ? DiscoveryEntity.Number : kind == ActuatorKind.Led ? DiscoveryEntity.Light : DiscoveryEntity.Switch;
            Add(new DiscoveryEntity(component, name, _topics.State(name), null, _topics.Command(name), null, kind == ActuatorKind.Pwm ? "%" : null, -1));
        }

        /// <summary>{ha}/{component}/{node}/{object}/config</summary>
        public string ConfigTopic(string component, string objectId)
        {
            return _options.Prefix + "/" + component + "/" + Node + "/" + objectId + "/config";
        }

        /// <summary>
        /// Takes Home Assistant's birth message: true when the message was on {ha}/status (consumed), false
        /// for any other topic. A live "online" plans a re-announcement after a random delay; a retained one
        /// is only the broker's memory of a birth that our connect announcement already answers.
        /// </summary>
        public bool TakeMessage(LinkEvent message, long nowMs)
        {
            if (message == null || message.Topic != _birthTopic)
            {
                return false;
            }

            if (_enabled && !message.Retain && message.Payload != null
                && Utf8.GetString(message.Payload, 0, message.Payload.Length).Trim() == "online")
            {
                long at = nowMs + _jitter.Next(DiscoveryOptions.BirthJitterMs + 1);
                if (at < _announceAtMs)
                {
                    _announceAtMs = at;
                }
            }

            return true;
        }

        /// <summary>Queues a full announcement (and the removal of stale entities) now.</summary>
        public void AnnounceNow()
        {
            _announceAtMs = Never;
            _pending.Clear();
            // First the removals: keys announced by an earlier boot that are not announced now.
            int semicolon = _storedText == null ? -1 : _storedText.IndexOf(';');
            string[] stored = semicolon < 0 ? new string[0] : _storedText.Substring(semicolon + 1).Split(',');
            for (int i = 0; i < stored.Length; i++)
            {
                string key = stored[i];
                int slash = key.IndexOf('/');
                // A damaged entry cannot name a topic; skip it rather than publish somewhere odd.
                if (slash > 0 && slash < key.Length - 1 && !(_enabled && HasKey(key)))
                {
                    _pending.Add(ConfigTopic(key.Substring(0, slash), key.Substring(slash + 1)));
                }
            }

            if (_enabled)
            {
                for (int i = 0; i < _entities.Count; i++)
                {
                    _pending.Add(i);
                }
            }

            _storeAfter = _enabled && _entities.Count > 0 ? StoreText() : null;
            _writeStore = _storeAfter != _storedText;
        }

        /// <summary>Publishes what is queued, paced by the outbox; returns when it wants the next step.</summary>
        public long Step(long nowMs)
        {
            if (_announceAtMs != Never && nowMs >= _announceAtMs && _session.IsOnline)
            {
                AnnounceNow();
            }

            // One at a time while nothing waits in the outbox and the config fits: the link takes up to
            // MaxInFlight at once, and readings queued offline are never dropped to make room for configs.
            Outbox outbox = _session.Outbox;
            while (_pending.Count > 0 && _session.IsOnline && outbox.WaitingCount == 0)
            {
                object item = _pending[0];
                bool removal = item is string;
                DiscoveryEntity e = removal ? null : (DiscoveryEntity)_entities[(int)item];
                string topic = removal ? (string)item : ConfigTopic(e.Component, e.ObjectId);
                byte[] payload = removal ? new byte[0] : BuildConfig(e);
                // An empty outbox that still has no room never will: publish, and the outbox counts the refusal.
                if (!outbox.HasRoomFor(OutboxMessage.SizeOf(payload, null)) && outbox.Count > 0)
                {
                    break;
                }

                _pending.RemoveAt(0);
                _session.Publish(topic, payload, 1, true, null);
            }

            if (_pending.Count == 0 && _writeStore)
            {
                // Written once the configs are queued: a flash write only when the set of entities changed.
                if (_store.Write(DiscoveryOptions.StoreKey, _storeAfter))
                {
                    _storedText = _storeAfter;
                }

                _writeStore = false;
            }

            if (_pending.Count > 0 && _session.IsOnline)
            {
                return nowMs + 20;
            }

            // A birth announcement due while offline waits for the connect, which announces anyway.
            return _announceAtMs > nowMs ? _announceAtMs : Never;
        }

        public void OnOnline(bool sessionPresent)
        {
            if (_enabled && _options.OnlyWhenChanged && sessionPresent && _storedText != null
                && _storedText == StoreText())
            {
                // The broker kept our session, so it very likely kept our retained configs too.
                return;
            }

            if (_enabled || _storedText != null)
            {
                AnnounceNow();
            }
        }

        public void OnOffline(LinkFailure reason)
        {
            // Whatever was not queued yet is announced in full at the next connect.
            _pending.Clear();
            _writeStore = false;
        }

        /// <summary>
        /// The retained config of one entity, as published (tests and the simulator read it): what names
        /// the entity, its platform's own part, then the block every entity of the device shares. Keys are
        /// Home Assistant's abbreviations, and our topics are written from the "~" base ({prefix}/{id}),
        /// which Home Assistant puts back in every *_topic value that starts with it.
        /// </summary>
        public byte[] BuildConfig(DiscoveryEntity e)
        {
            JsonWriter w = _json;
            w.Reset();
            w.BeginObject();
            w.Field("~", _topics.Root);
            w.Field("name", e.ObjectId);
            // Stable across reboots: derived from our prefix, the device id, the platform and the object only.
            w.Field("uniq_id", Node + "_" + e.Component + "_" + e.ObjectId);
            w.Field("stat_t", Based(e.StateTopic));
            if (e.CommandTopic != null)
            {
                // The actuator's part.
                w.Field("cmd_t", Based(e.CommandTopic));
                // Our command router refuses retained commands: an old "on" must never replay at a reconnect.
                w.Field("ret", false);
                w.Field("opt", false);
                if (e.Component == DiscoveryEntity.Number)
                {
                    // number.mqtt's min defaults to 1; a PWM duty runs from 0 (off) to 100 %.
                    w.Field("min", 0);
                    w.Field("max", 100);
                    w.Field("step", 1);
                    w.Field("mode", "slider");
                    w.Field("unit_of_meas", "%");
                }
                else
                {
                    // switch and light (default schema): our state payloads and plain commands are "on"/"off".
                    w.Field("pl_on", "on");
                    w.Field("pl_off", "off");
                }
            }
            else if (e.Component == DiscoveryEntity.BinarySensor)
            {
                w.Field("val_tpl", e.ValueTemplate);
                w.Field("pl_on", "1");
                w.Field("pl_off", "0");
            }
            else
            {
                // A sensor's part.
                w.Field("val_tpl", e.ValueTemplate);
                if (e.DeviceClass != null)
                {
                    w.Field("dev_cla", e.DeviceClass);
                }

                if (e.Unit != null)
                {
                    w.Field("unit_of_meas", e.Unit);
                }

                w.Field("stat_cla", "measurement");
                if (e.Decimals >= 0)
                {
                    w.Field("sug_dsp_prc", e.Decimals);
                }

                if (_options.ExpireAfterSeconds > 0)
                {
                    w.Field("exp_aft", _options.ExpireAfterSeconds);
                }
            }

            // Availability, the device and the origin: the same in every config of the device.
            w.Field("qos", 1);
            w.Field("avty_t", Based(_topics.Status));
            w.Field("avty_tpl", AvailabilityTemplate);
            w.Field("pl_avail", ConnectionSupervisor.BirthText);
            w.Field("pl_not_avail", ConnectionSupervisor.WillText);
            w.Name("dev");
            w.BeginObject();
            w.Field("ids", Node);
            w.Field("name", _topics.DeviceId);
            w.Field("mdl", _options.Model);
            w.Field("mf", DiscoveryOptions.Manufacturer);
            w.Field("sw", FieldDevice.FirmwareVersion);
            w.EndObject();
            // The origin is recommended for every discovery payload (mqtt docs, "Discovery payload").
            w.Name("o");
            w.BeginObject();
            w.Field("name", "NanoMqtt");
            w.Field("sw", FieldDevice.FirmwareVersion);
            w.EndObject();
            w.EndObject();
            return w.ToArray();
        }

        /// <summary>One of our topics ({prefix}/{id}/...) as "~/...".</summary>
        private string Based(string topic)
        {
            return "~" + topic.Substring(_topics.Root.Length);
        }

        /// <summary>Our prefix and device id joined by '_', every character outside [a-zA-Z0-9_-] replaced by '_'.</summary>
        public static string NodeId(string prefix, string deviceId)
        {
            string raw = prefix + "_" + deviceId;
            char[] chars = raw.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                if (!ok)
                {
                    chars[i] = '_';
                }
            }

            return new string(chars);
        }

        private void Add(DiscoveryEntity entity)
        {
            if (!HasKey(entity.Key))
            {
                _entities.Add(entity);
                _hash = null;
            }
        }

        private bool HasKey(string key)
        {
            for (int i = 0; i < _entities.Count; i++)
            {
                if (((DiscoveryEntity)_entities[i]).Key == key)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// What the settings store keeps of an announcement, "hash;key,key...": the hash is FNV-1a over every config
        /// topic and payload, so it changes whenever any announced field changes.
        /// </summary>
        private string StoreText()
        {
            string joined = string.Empty;
            uint h = 2166136261;
            for (int i = 0; i < _entities.Count; i++)
            {
                DiscoveryEntity e = (DiscoveryEntity)_entities[i];
                joined = joined + (i > 0 ? "," : string.Empty) + e.Key;
                if (_hash == null)
                {
                    h = Fnv(h, Utf8.GetBytes(ConfigTopic(e.Component, e.ObjectId)));
                    h = Fnv(h, BuildConfig(e));
                }
            }

            if (_hash == null)
            {
                _hash = KeptMessages.ToHex(new byte[] { (byte)(h >> 24), (byte)(h >> 16), (byte)(h >> 8), (byte)h });
            }

            return _hash + ";" + joined;
        }

        private static uint Fnv(uint h, byte[] bytes)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                h = (h ^ bytes[i]) * 16777619;
            }

            return h;
        }
    }
}
