using System.Collections;
using NanoMqtt.Core.Device;
using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// The sensor types a device knows, by the name a [sensor.NAME] section gives as its type: the one place
    /// where drivers and bindings are registered. The shell fills it before building the device; a section
    /// whose type is not here is reported as a config error, and the rest of the device runs.
    /// </summary>
    public sealed class SensorKinds
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _kinds = new ArrayList();

        /// <summary>Why the first refused registration was refused, else null; the device reports it as a config error.</summary>
        public string Problem;

        /// <summary>Adds a type; returns why not (a bad or taken name), else null.</summary>
        public string Register(string type, ISensorKind kind)
        {
            string problem = Messaging.Topics.CheckSegment(type, "sensor type");
            if (problem == null && (kind == null || type == Config.SensorConfig.Input || Find(type) != null))
            {
                problem = "sensor type '" + type + "' is taken or has no kind";
            }

            if (problem != null)
            {
                if (Problem == null)
                {
                    Problem = problem;
                }

                return problem;
            }

            _names.Add(type);
            _kinds.Add(kind);
            return null;
        }

        /// <summary>The kind registered under type, or null.</summary>
        public ISensorKind Find(string type)
        {
            for (int i = 0; i < _names.Count; i++)
            {
                if ((string)_names[i] == type)
                {
                    return (ISensorKind)_kinds[i];
                }
            }

            return null;
        }

        /// <summary>The registered names, comma separated, for an error message.</summary>
        public string Names()
        {
            string names = "";
            for (int i = 0; i < _names.Count; i++)
            {
                names = i == 0 ? (string)_names[i] : names + ", " + (string)_names[i];
            }

            return names;
        }

        /// <summary>The I2C device at address, or one that never answers when the shell cannot open it.</summary>
        public static II2cBus OpenI2c(IHardwareFactory hardware, int address)
        {
            II2cBus bus = hardware.OpenI2c(address);
            return bus != null ? bus : new AbsentI2cBus(address);
        }
    }
}
