// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package nanoFramework.System.Device.Pwm 1.1.23 (assembly System.Device.Pwm), read from
// github.com/nanoframework/System.Device.Pwm tag v1.1.23, commit 8f14504caeb537dd541fe0f2c8eeb77979cd3654,
// file System.Device.Pwm/PwmChannel.cs. CreateFromPin returns null when no PWM channel is mapped to the
// pin: on ESP32 call Configuration.SetPinFunction(pin, DeviceFunction.PWMn) first.
using System;

namespace System.Device.Pwm
{
    public sealed class PwmChannel : IDisposable
    {
        private PwmChannel() { }

        /// <summary>Between 0.0 and 1.0.</summary>
        public double DutyCycle { get { throw null; } set { } }
        public void Start() { }
        public void Stop() { }
        public static PwmChannel CreateFromPin(int pin, int frequency = 400, double dutyCyclePercentage = 0.5) { throw null; }
        public void Dispose() { }
    }
}
