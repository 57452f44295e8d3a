using System.Device.Pwm;
using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Device.Hardware
{
    /// <summary>A PWM channel (System.Device.Pwm); the core speaks hundredths of a percent, the library 0.0..1.0.</summary>
    internal sealed class PwmChannelOutput : IPwmOutput
    {
        private readonly PwmChannel _channel;

        public PwmChannelOutput(PwmChannel channel)
        {
            _channel = channel;
        }

        public void SetDuty(int dutyHundredthsPercent)
        {
            int duty = dutyHundredthsPercent < 0 ? 0 : (dutyHundredthsPercent > 10000 ? 10000 : dutyHundredthsPercent);
            _channel.DutyCycle = duty / 10000.0;
        }
    }
}
