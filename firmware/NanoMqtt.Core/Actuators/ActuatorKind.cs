namespace NanoMqtt.Core.Actuators
{
    /// <summary>What an actuator drives; it decides which values a command may carry.</summary>
    public enum ActuatorKind
    {
        /// <summary>A relay (or valve driver) on a digital output: on, off, toggle, 0 or 1.</summary>
        Relay,
        /// <summary>A LED on a digital output: the same values as a relay.</summary>
        Led,
        /// <summary>A PWM channel: on, off, toggle or a duty of 0..100 percent with up to two decimals.</summary>
        Pwm
    }
}
