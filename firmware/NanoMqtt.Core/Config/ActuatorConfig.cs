using NanoMqtt.Core.Actuators;

namespace NanoMqtt.Core.Config
{
    /// <summary>One [actuator.NAME] section of nf.config: how the actuator is wired, and its options as the actuator takes them.</summary>
    public sealed class ActuatorConfig
    {
        public int Pin = -1;

        /// <summary>PWM frequency (type = pwm).</summary>
        public int FrequencyHz = 1000;

        public ActuatorOptions Options = new ActuatorOptions();

        public string Name
        {
            get { return Options.Name; }
        }
    }
}
