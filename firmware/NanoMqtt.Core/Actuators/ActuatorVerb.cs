namespace NanoMqtt.Core.Actuators
{
    /// <summary>What a command asks of an actuator.</summary>
    public enum ActuatorVerb
    {
        Off,
        On,
        Toggle,
        /// <summary>Set a duty (hundredths of a percent). A relay takes 0 (off), 1 or 100 (on).</summary>
        Duty
    }
}
