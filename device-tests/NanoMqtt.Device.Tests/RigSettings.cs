using System.IO;
using nanoFramework.TestFramework;
using NanoMqtt.Core.Config;
using NanoMqtt.Sensors;

namespace NanoMqtt.Device.Tests
{
    /// <summary>
    /// What the rig is: the board's own nf.config and nf.secrets on I:\ (put there by `nanomqtt flash`, as for
    /// the firmware), plus the two pins wired together for the GPIO loopback, which nf.config does not name.
    /// </summary>
    internal static class RigSettings
    {
        public const string ConfigPath = "I:\\nf.config";
        public const string SecretsPath = "I:\\nf.secrets";
        public const string CaCertificatePath = "I:\\ca.pem";

        /// <summary>The board's configuration; fails the test with the reason when it is missing or invalid.</summary>
        public static DeviceConfig Load()
        {
            Assert.IsTrue(File.Exists(ConfigPath), "no " + ConfigPath + " on the board: run `nanomqtt flash` (or nanoff --filedeployment) first");
            string secrets = File.Exists(SecretsPath) ? File.ReadAllText(SecretsPath) : string.Empty;
            string error;
            DeviceConfig config = DeviceConfig.Parse(File.ReadAllText(ConfigPath), secrets, out error);
            Assert.IsNotNull(config, "the board's nf.config is invalid: " + error);
            return config;
        }

        /// <summary>The output pin of the loopback jumper for the board target (hardware/README.md).</summary>
        public static int LoopbackOut(string target)
        {
            if (target.StartsWith("ESP32_S3"))
            {
                return 15;
            }

            return target.StartsWith("ESP32_C3") ? 0 : 32;
        }

        /// <summary>The input pin of the loopback jumper for the board target (hardware/README.md).</summary>
        public static int LoopbackIn(string target)
        {
            if (target.StartsWith("ESP32_S3"))
            {
                return 16;
            }

            return target.StartsWith("ESP32_C3") ? 1 : 33;
        }

        /// <summary>The first sensor of one of the I2C types the reference build uses, or null.</summary>
        public static SensorConfig I2cSensor(DeviceConfig config)
        {
            for (int i = 0; i < config.Sensors.Length; i++)
            {
                SensorConfig sensor = config.Sensors[i];
                if (sensor.Type == BuiltInSensors.Bme280 || sensor.Type == BuiltInSensors.Sht3x)
                {
                    return sensor;
                }
            }

            return null;
        }
    }
}
