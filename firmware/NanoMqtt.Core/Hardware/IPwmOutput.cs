namespace NanoMqtt.Core.Hardware
{
    /// <summary>A PWM channel (dimmable LED, fan, motor driver).</summary>
    public interface IPwmOutput
    {
        /// <summary>Duty cycle in hundredths of a percent, 0..10000, so no floating point is needed.</summary>
        void SetDuty(int dutyHundredthsPercent);
    }
}
