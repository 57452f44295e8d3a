using System.Globalization;
using System.Text.Json;
using NanoMqtt.Core.HomeAssistant;
using NanoMqtt.HomeAssistant;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;
using Xunit;

namespace NanoMqtt.Tools.Tests;

/// <summary>
/// Home Assistant MQTT discovery of simulated FieldDevices against a real Mosquitto. The payloads are
/// checked against the Home Assistant documentation, platform by platform:
/// - https://www.home-assistant.io/integrations/mqtt/ : the discovery topic
///   &lt;discovery_prefix&gt;/&lt;component&gt;/[&lt;node_id&gt;/]&lt;object_id&gt;/config (ids of [a-zA-Z0-9_-]), an empty retained
///   payload removes the entity, Home Assistant's birth message "online" on homeassistant/status asks
///   devices to announce again, and the device block needs identifiers (with unique_id set).
/// - https://www.home-assistant.io/integrations/sensor.mqtt/ : state_topic is required; value_template,
///   device_class, unit_of_measurement, state_class.
/// - https://www.home-assistant.io/integrations/binary_sensor.mqtt/ : state_topic is required; the payload
///   is compared with payload_on / payload_off (defaults "ON"/"OFF", so ours must be given).
/// - https://www.home-assistant.io/integrations/switch.mqtt/ : command_topic is required; payload_on /
///   payload_off are sent as commands and compared with the state_topic's payload.
/// - https://www.home-assistant.io/integrations/light.mqtt/ (default schema): command_topic is required;
///   payload_on / payload_off as for the switch.
/// - https://www.home-assistant.io/integrations/number.mqtt/ : command_topic is required; min (default 1),
///   max (default 100) and step; the state_topic carries the number.
/// Every platform: availability_topic with payload_available / payload_not_available, and
/// availability_template whose result is compared with them. The device writes every key abbreviated
/// (state_topic as stat_t, device as dev with ids/name/mdl/mf/sw...) and its topics under the "~" base,
/// which Home Assistant expands (homeassistant/components/mqtt/abbreviations.py and discovery.py).
/// </summary>
public sealed class HomeAssistantTests : IClassFixture<MosquittoFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly MosquittoBroker _broker;

    public HomeAssistantTests(MosquittoFixture fixture)
    {
        _broker = fixture.Broker;
    }

    /// <summary>The entities of SimConfig's device plus a PWM fan: (component, object id).</summary>
    private static readonly (string Component, string Object)[] AllEntities =
    {
        ("sensor", "climate_temperature"), ("sensor", "climate_humidity"), ("sensor", "climate_pressure"),
        ("sensor", "air_temperature"), ("sensor", "air_humidity"), ("sensor", "light"),
        ("binary_sensor", "door"), ("switch", "relay1"), ("light", "led"), ("number", "fan")
    };

    [Fact]
    public async Task Retained_configs_carry_the_keys_home_assistant_requires_and_map_our_own_topics()
    {
        const string prefix = "hadocs";
        const string id = "ha1";
        string node = prefix + "_" + id;
        await using var fleet = new SimFleet(FieldDeviceCore.Create, threads: 1);
        SimulatedDevice device = fleet.Add(id, Config(prefix, id, allSensors: true), "", 11, null);
        fleet.Start();

        // A subscriber that arrives after the announcement gets every config from the broker's retained store.
        await using (MqttProbe early = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port))
        {
            await early.SubscribeAsync("homeassistant/+/" + node + "/+/config");
            await early.WaitUntilAsync(l => l.Select(m => m.Topic).Distinct().Count() >= AllEntities.Length, Wait, "all discovery configs");
        }

        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync("homeassistant/+/" + node + "/+/config");
        await probe.SubscribeAsync(prefix + "/" + id + "/#");
        await probe.WaitUntilAsync(l => l.Count(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal)) >= AllEntities.Length, Wait, "retained configs");

        var uniqueIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (component, obj) in AllEntities)
        {
            string topic = "homeassistant/" + component + "/" + node + "/" + obj + "/config";
            ProbeMessage m = probe.On(topic).FirstOrDefault();
            Assert.True(m != null, "no config on " + topic);
            Assert.True(m.Retain, topic + " is not retained");
            Assert.Matches("^[a-zA-Z0-9_-]+$", node);
            Assert.Matches("^[a-zA-Z0-9_-]+$", obj);
            using JsonDocument doc = JsonDocument.Parse(m.Payload);
            JsonElement c = doc.RootElement;

            // Keys every platform takes.
            Assert.Equal(obj, Str(c, "name"));
            Assert.Equal(prefix + "/" + id, Str(c, "~"));
            string uniqueId = Str(c, "uniq_id");
            Assert.Equal(node + "_" + component + "_" + obj, uniqueId);
            Assert.True(uniqueIds.Add(uniqueId), "unique_id used twice: " + uniqueId);
            Assert.Equal(prefix + "/" + id + "/status", Topic(c, "avty_t"));
            Assert.Equal("online", Str(c, "pl_avail"));
            Assert.Equal("offline", Str(c, "pl_not_avail"));
            Assert.Equal(DiscoveryPublisher.AvailabilityTemplate, Str(c, "avty_tpl"));
            JsonElement dev = c.GetProperty("dev");
            Assert.Equal(node, Str(dev, "ids"));
            Assert.Equal(id, Str(dev, "name"));
            Assert.False(string.IsNullOrEmpty(Str(dev, "mdl")));
            Assert.False(string.IsNullOrEmpty(Str(dev, "mf")));
            Assert.False(string.IsNullOrEmpty(Str(dev, "sw")));
            Assert.Equal("NanoMqtt", Str(c.GetProperty("o"), "name"));
            Assert.Equal(1, c.GetProperty("qos").GetInt32());

            if (component is "sensor" or "binary_sensor")
            {
                // Required: state_topic, our telemetry topic: the sensor's, whose message holds each quantity
                // (climate_temperature is "temperature" on telemetry/climate), or "v" for a one-value stream.
                string quantity = component == "sensor" ? new[] { "temperature", "humidity", "pressure" }.FirstOrDefault(q => obj.EndsWith("_" + q, StringComparison.Ordinal)) : null;
                string stream = quantity == null ? obj : obj[..^(quantity.Length + 1)];
                Assert.Equal(prefix + "/" + id + "/telemetry/" + stream, Topic(c, "stat_t"));
                Assert.False(c.TryGetProperty("cmd_t", out _), component + " has no command topic");
                Assert.Equal("{{ value_json." + (quantity ?? "v") + " }}", Str(c, "val_tpl"));
            }
            else
            {
                // Required: command_topic, our command topic; state_topic is our retained state topic.
                Assert.Equal(prefix + "/" + id + "/cmd/" + obj, Topic(c, "cmd_t"));
                Assert.Equal(prefix + "/" + id + "/state/" + obj, Topic(c, "stat_t"));
                // Our router refuses retained commands; Home Assistant must not send them retained.
                Assert.False(c.GetProperty("ret").GetBoolean());
                Assert.False(c.GetProperty("opt").GetBoolean());
            }

            switch (component)
            {
                case "sensor":
                    (string cls, string unit) = obj switch
                    {
                        "climate_temperature" or "air_temperature" => ("temperature", "\u00B0C"),
                        "climate_humidity" or "air_humidity" => ("humidity", "%"),
                        "climate_pressure" => ("pressure", "hPa"),
                        _ => ("illuminance", "lx")
                    };
                    Assert.Equal(cls, Str(c, "dev_cla"));
                    Assert.Equal(unit, Str(c, "unit_of_meas"));
                    Assert.Equal("measurement", Str(c, "stat_cla"));
                    break;
                case "binary_sensor":
                    Assert.Equal("1", Str(c, "pl_on"));
                    Assert.Equal("0", Str(c, "pl_off"));
                    break;
                case "switch":
                case "light":
                    Assert.Equal("on", Str(c, "pl_on"));
                    Assert.Equal("off", Str(c, "pl_off"));
                    break;
                case "number":
                    Assert.Equal(0, c.GetProperty("min").GetDouble());
                    Assert.Equal(100, c.GetProperty("max").GetDouble());
                    Assert.Equal("%", Str(c, "unit_of_meas"));
                    break;
            }
        }

        // The templates and topics work on what the device really publishes: a reading on a sensor's
        // state_topic has the "temperature" that value_template takes, a number.
        JsonElement sensorConfig = ConfigOf(probe, "sensor", node, "climate_temperature");
        ProbeMessage reading = await probe.WaitForAsync(m => m.Topic == Topic(sensorConfig, "stat_t"), Wait, "a temperature reading");
        using (JsonDocument r = JsonDocument.Parse(reading.Payload))
        {
            Assert.Equal(JsonValueKind.Number, r.RootElement.GetProperty("temperature").ValueKind);
        }

        // What Home Assistant sends on command_topic is taken, and the state_topic then says payload_on.
        JsonElement switchConfig = ConfigOf(probe, "switch", node, "relay1");
        await probe.PublishAsync(Topic(switchConfig, "cmd_t"), Str(switchConfig, "pl_on"));
        await probe.WaitForAsync(Topic(switchConfig, "stat_t"), Str(switchConfig, "pl_on"), Wait);
        JsonElement lightConfig = ConfigOf(probe, "light", node, "led");
        await probe.PublishAsync(Topic(lightConfig, "cmd_t"), Str(lightConfig, "pl_on"));
        await probe.WaitForAsync(Topic(lightConfig, "stat_t"), Str(lightConfig, "pl_on"), Wait);
        JsonElement numberConfig = ConfigOf(probe, "number", node, "fan");
        await probe.PublishAsync(Topic(numberConfig, "cmd_t"), "40");
        await probe.WaitForAsync(m => m.Topic == Topic(numberConfig, "stat_t") && double.TryParse(m.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v == 40, Wait, "the fan at 40 %");

        // The availability topic says "online" now: the template maps it to payload_available.
        ProbeMessage status = probe.On(Topic(switchConfig, "avty_t")).Last();
        Assert.Equal("online", status.Text);

        // The broker holds one config per entity, no more.
        Assert.Equal(AllEntities.Length, probe.Messages.Where(m => m.Topic.EndsWith("/config", StringComparison.Ordinal)).Select(m => m.Topic).Distinct().Count());
    }

    [Fact]
    public async Task Unique_ids_and_configs_are_the_same_after_a_restart_with_the_same_settings()
    {
        const string prefix = "hastable";
        const string id = "ha2";
        string node = prefix + "_" + id;
        string config = Config(prefix, id, allSensors: true);
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync("homeassistant/+/" + node + "/+/config");

        MemorySettingsStore flash;
        await using (var fleet = new SimFleet(FieldDeviceCore.Create, threads: 1))
        {
            SimulatedDevice first = fleet.Add(id, config, "", 12, null);
            flash = first.Settings;
            fleet.Start();
            await probe.WaitUntilAsync(l => l.Select(m => m.Topic).Distinct().Count() >= AllEntities.Length, Wait, "the first announcement");
            await fleet.StopAsync(TimeSpan.FromSeconds(5));
        }

        Dictionary<string, (string UniqueId, string Payload)> before = Announced(probe.Messages);
        Assert.Equal(AllEntities.Length, before.Count);
        Assert.NotNull(flash.Read(DiscoveryOptions.StoreKey));
        probe.Clear();

        // The same board boots again: same config, same flash, a new core and connection.
        await using (var fleet = new SimFleet(FieldDeviceCore.Create, threads: 1))
        {
            fleet.Add(id, config, "", 99, null, flash);
            fleet.Start();
            await probe.WaitUntilAsync(l => l.Select(m => m.Topic).Distinct().Count() >= AllEntities.Length, Wait, "the announcement after the restart");
        }

        Dictionary<string, (string UniqueId, string Payload)> after = Announced(probe.Messages);
        Assert.Equal(before.Keys.OrderBy(k => k), after.Keys.OrderBy(k => k));
        foreach (string topic in before.Keys)
        {
            Assert.Equal(before[topic].UniqueId, after[topic].UniqueId);
            Assert.Equal(before[topic].Payload, after[topic].Payload);
        }

        // Nothing was removed: no empty config went out.
        Assert.DoesNotContain(probe.Messages, m => m.Payload.Length == 0);
    }

    [Fact]
    public async Task Home_assistant_online_on_its_status_topic_brings_every_config_again()
    {
        const string prefix = "habirth";
        const string id = "ha3";
        string node = prefix + "_" + id;
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync("homeassistant/+/" + node + "/+/config");
        await using var fleet = new SimFleet(FieldDeviceCore.Create, threads: 1);
        SimulatedDevice device = fleet.Add(id, Config(prefix, id, allSensors: true), "", 13, null);
        fleet.Start();
        await probe.WaitUntilAsync(l => l.Select(m => m.Topic).Distinct().Count() >= AllEntities.Length, Wait, "the connect announcement");
        probe.Clear();

        // Home Assistant's birth message (its MQTT integration publishes it when it starts).
        await probe.PublishAsync("homeassistant/status", "online");
        await probe.WaitUntilAsync(l => l.Select(m => m.Topic).Distinct().Count() >= AllEntities.Length, Wait, "the re-announcement");
        Assert.All(probe.Messages, m => Assert.NotEmpty(m.Payload));
        Assert.Equal(AllEntities.Length, probe.Messages.Select(m => m.Topic).Distinct().Count());
    }

    [Fact]
    public async Task A_sensor_removed_from_the_config_gets_an_empty_retained_config_at_the_next_boot()
    {
        const string prefix = "haremove";
        const string id = "ha4";
        string node = prefix + "_" + id;
        string[] removed = { "light", "air_temperature", "air_humidity" };
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync("homeassistant/+/" + node + "/+/config");

        MemorySettingsStore flash;
        await using (var fleet = new SimFleet(FieldDeviceCore.Create, threads: 1))
        {
            flash = fleet.Add(id, Config(prefix, id, allSensors: true), "", 14, null).Settings;
            fleet.Start();
            await probe.WaitUntilAsync(l => l.Select(m => m.Topic).Distinct().Count() >= AllEntities.Length, Wait, "the first announcement");
            await fleet.StopAsync(TimeSpan.FromSeconds(5));
        }

        probe.Clear();

        // The SHT31 ("air") and the BH1750 ("light") are taken out of nf.config; the board boots again.
        await using (var fleet = new SimFleet(FieldDeviceCore.Create, threads: 1))
        {
            fleet.Add(id, Config(prefix, id, allSensors: false), "", 15, null, flash);
            fleet.Start();
            foreach (string obj in removed)
            {
                await probe.WaitForAsync(m => m.Topic == "homeassistant/sensor/" + node + "/" + obj + "/config" && m.Payload.Length == 0, Wait, "the removal of " + obj);
            }

            await probe.WaitUntilAsync(l => l.Count(m => m.Payload.Length > 0) >= AllEntities.Length - removed.Length, Wait, "the remaining configs");
        }

        // A subscriber that comes now finds only the remaining entities retained. The marker, published
        // after the subscription, arrives after the retained messages: no fixed wait for "nothing more".
        await using MqttProbe late = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        string marker = "test/" + Guid.NewGuid().ToString("N");
        await late.SubscribeAsync("homeassistant/+/" + node + "/+/config");
        await late.SubscribeAsync(marker);
        await late.PublishAsync(marker, "end");
        await late.WaitForAsync(marker, "end", Wait);
        string[] retained = late.Messages.Where(m => m.Topic != marker).Select(m => m.Topic).OrderBy(t => t, StringComparer.Ordinal).ToArray();
        string[] expected = AllEntities.Where(e => !removed.Contains(e.Object))
            .Select(e => "homeassistant/" + e.Component + "/" + node + "/" + e.Object + "/config").OrderBy(t => t, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, retained);
        string stored = flash.Read(DiscoveryOptions.StoreKey);
        Assert.DoesNotContain("sensor/light", stored);
    }

    /// <summary>SimConfig's device (BME280, door input, relay, LED; with allSensors an SHT31 and a BH1750 too) plus a PWM fan, discovery on.</summary>
    private string Config(string prefix, string id, bool allSensors)
    {
        var o = new SimConfigOptions
        {
            Prefix = prefix,
            BrokerHost = _broker.Host,
            BrokerPort = _broker.Port,
            Interval = TimeSpan.FromSeconds(1),
            AllSensors = allSensors,
            HaDiscovery = true
        };
        return SimConfig.Build(id, o) + "[actuator.fan]\ntype = pwm\npin = 27\nfrequency = 1000\n";
    }

    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString();

    /// <summary>A topic as Home Assistant reads it: a leading or trailing "~" stands for the config's "~" base.</summary>
    private static string Topic(JsonElement config, string name)
    {
        string value = Str(config, name);
        string root = Str(config, "~");
        return value.StartsWith('~') ? root + value[1..] : value.EndsWith('~') ? value[..^1] + root : value;
    }

    private static JsonElement ConfigOf(MqttProbe probe, string component, string node, string obj)
    {
        ProbeMessage m = probe.On("homeassistant/" + component + "/" + node + "/" + obj + "/config").Last();
        return JsonDocument.Parse(m.Payload).RootElement.Clone();
    }

    private static Dictionary<string, (string UniqueId, string Payload)> Announced(IReadOnlyList<ProbeMessage> messages)
    {
        var map = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (ProbeMessage m in messages.Where(m => m.Payload.Length > 0))
        {
            using JsonDocument doc = JsonDocument.Parse(m.Payload);
            map[m.Topic] = (doc.RootElement.GetProperty("uniq_id").GetString(), m.Text);
        }

        return map;
    }
}
