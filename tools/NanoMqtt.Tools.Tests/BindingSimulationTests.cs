using System.Text.Json;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;
using Xunit;

namespace NanoMqtt.Tools.Tests;

/// <summary>
/// The stand-ins of the worked binding examples (`nanomqtt simulate --bindings`): a DS18B20 and an SCD4x read
/// through the binding bridge of the firmware's sensors library publish their streams and announce each
/// quantity to Home Assistant with the device class and unit the binding declares, against a real Mosquitto.
/// </summary>
public sealed class BindingSimulationTests : IClassFixture<MosquittoFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly MosquittoBroker _broker;

    public BindingSimulationTests(MosquittoFixture fixture)
    {
        _broker = fixture.Broker;
    }

    [Fact]
    public async Task The_binding_stand_ins_publish_their_streams_and_announce_their_classes()
    {
        const string prefix = "bind";
        const string id = "b1";
        var o = new SimConfigOptions
        {
            Prefix = prefix,
            BrokerHost = _broker.Host,
            BrokerPort = _broker.Port,
            Interval = TimeSpan.FromSeconds(1),
            AllSensors = false,
            HaDiscovery = true,
            Bindings = true
        };
        await using var fleet = new SimFleet(FieldDeviceCore.Create, threads: 1);
        await using MqttProbe probe = await MqttProbe.ConnectAsync(_broker.Host, _broker.Port);
        await probe.SubscribeAsync(prefix + "/" + id + "/telemetry/+");
        await probe.SubscribeAsync("homeassistant/sensor/" + prefix + "_" + id + "/+/config");
        fleet.Add(id, SimConfig.Build(id, o), "", 21, null);
        fleet.Start();

        await probe.WaitUntilAsync(l => l.Any(m => m.Topic.EndsWith("/telemetry/tank", StringComparison.Ordinal))
            && l.Any(m => m.Topic.EndsWith("/telemetry/room", StringComparison.Ordinal))
            && l.Any(m => m.Topic.EndsWith("/room_co2/config", StringComparison.Ordinal)), Wait, "binding telemetry and configs");

        using (JsonDocument tank = JsonDocument.Parse(probe.On(prefix + "/" + id + "/telemetry/tank").First().Payload))
        {
            double celsius = tank.RootElement.GetProperty("v").GetDouble();
            Assert.InRange(celsius, 15, 27);
            // The DS18B20 stand-in resolves 1/16 °C, published with 2 decimals.
            Assert.Equal(Math.Round(Math.Round(celsius * 16) / 16, 2), celsius);
        }

        using (JsonDocument room = JsonDocument.Parse(probe.On(prefix + "/" + id + "/telemetry/room").First().Payload))
        {
            Assert.InRange(room.RootElement.GetProperty("co2").GetInt32(), 300, 1000);
            Assert.InRange(room.RootElement.GetProperty("humidity").GetDouble(), 0, 100);
            Assert.True(room.RootElement.TryGetProperty("temperature", out _));
        }

        using JsonDocument co2 = JsonDocument.Parse(probe.On("homeassistant/sensor/" + prefix + "_" + id + "/room_co2/config").Last().Payload);
        Assert.Equal("carbon_dioxide", co2.RootElement.GetProperty("dev_cla").GetString());
        Assert.Equal("ppm", co2.RootElement.GetProperty("unit_of_meas").GetString());
        Assert.Equal("{{ value_json.co2 }}", co2.RootElement.GetProperty("val_tpl").GetString());
    }
}
