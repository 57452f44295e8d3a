using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>A PWM channel that remembers the duty (hundredths of a percent) and counts the writes.</summary>
    public sealed class FakePwmOutput : IPwmOutput
    {
        public int Duty = -1;
        public int Writes;

        public void SetDuty(int dutyHundredthsPercent)
        {
            Duty = dutyHundredthsPercent;
            Writes++;
        }
    }
}
