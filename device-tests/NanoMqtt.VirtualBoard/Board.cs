using System;
using NanoMqtt.Core.Config;
using NanoMqtt.Core.Device;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using NanoMqtt.Sensors;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>
    /// The device and its in-memory ports, composed from a config as the ESP32 shell composes the real ones:
    /// the BME280 "climate" on I2C, the "door" input and the "relay1" output, a broker model and a fake clock.
    /// </summary>
    internal sealed class Board
    {
        /// <summary>The telemetry streams of the shipped config that the broker model counts.</summary>
        public static readonly string[] Streams = { "climate", "door" };

        // 2025-11-25 00:00:00 UTC.
        private const long WallAtZero = 1764028800;

        public Board(DeviceConfig config, long startMs)
        {
            // The wall time is known from the start (as after SNTP), so every reading carries its "t" field and
            // has its real size in the outbox. Any fixed date gives the same payload sizes.
            Clock = new FakeClock(startMs, WallAtZero + startMs / 1000);
            Platform = new BoardPlatform();
            Settings = new BoardSettings();
            Hardware = new BoardHardware(Sensor(config, "climate").Address, Sensor(config, "door").Pin, ActuatorPin(config, "relay1"));
            Broker = new BoardBroker(new Topics(config.Prefix, config.DeviceId), Streams, "relay1");

            var ports = new DevicePorts();
            ports.Mqtt = Broker;
            ports.Network = new BoardNetwork();
            ports.Clock = Clock;
            ports.Jitter = new BoardJitter();
            ports.Settings = Settings;
            ports.Platform = Platform;
            ports.Hardware = Hardware;
            ports.SensorKinds = BuiltInSensors.Registry();
            Device = new FieldDevice(config, ports);
        }

        /// <summary>Moved by the driver with Advance, so the wall time follows.</summary>
        public FakeClock Clock { get; private set; }

        public BoardBroker Broker { get; private set; }

        public BoardHardware Hardware { get; private set; }

        public BoardPlatform Platform { get; private set; }

        public BoardSettings Settings { get; private set; }

        public FieldDevice Device { get; private set; }

        private static SensorConfig Sensor(DeviceConfig config, string name)
        {
            for (int i = 0; i < config.Sensors.Length; i++)
            {
                if (config.Sensors[i].Name == name)
                {
                    return config.Sensors[i];
                }
            }

            throw new ArgumentException("the config has no sensor " + name);
        }

        private static int ActuatorPin(DeviceConfig config, string name)
        {
            for (int i = 0; i < config.Actuators.Length; i++)
            {
                if (config.Actuators[i].Name == name)
                {
                    return config.Actuators[i].Pin;
                }
            }

            throw new ArgumentException("the config has no actuator " + name);
        }
    }
}
