// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package nanoFramework.System.Device.Gpio 1.1.62 (assembly System.Device.Gpio), read from
// github.com/nanoframework/System.Device.Gpio tag v1.1.62, commit cd99158280e0f5c24102981c26baf69facda4d17,
// files System.Device.Gpio/GpioController.cs, GpioPin.cs, PinValue.cs, PinMode.cs, PinEventTypes.cs,
// PinValueChangedEventArgs.cs. (The source spells the class "Gpio\u200BPin" with a zero-width space, which C#
// drops from identifiers: the type is GpioPin.) ValueChanged is raised on the GPIO event thread.
using System;

namespace System.Device.Gpio
{
    public sealed class GpioController : IDisposable
    {
        public GpioController() { }

        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw null; }
        public void Dispose() { }
    }

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    public sealed class GpioPin : IDisposable
    {
        private GpioPin() { }

        public TimeSpan DebounceTimeout { get { throw null; } set { } }
        public int PinNumber { get { throw null; } }
        public PinValue Read() { throw null; }
        public void Write(PinValue value) { }
        public event PinValueChangedEventHandler ValueChanged { add { } remove { } }
        public void Dispose() { }
    }

    public readonly struct PinValue
    {
        public static PinValue High { get { throw null; } }
        public static PinValue Low { get { throw null; } }
        public static implicit operator PinValue(bool value) { throw null; }
        public static explicit operator bool(PinValue value) { throw null; }
        public static bool operator ==(PinValue a, PinValue b) { throw null; }
        public static bool operator !=(PinValue a, PinValue b) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public override int GetHashCode() { throw null; }
    }

    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown
    }

    [Flags]
    public enum PinEventTypes
    {
        None = 0,
        Rising = 1,
        Falling = 2
    }

    /// <summary>The real base class is nanoFramework.Runtime.Events.BaseEvent (not EventArgs); nothing here uses it.</summary>
    public class PinValueChangedEventArgs
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) { }

        public PinEventTypes ChangeType { get { throw null; } }
        public int PinNumber { get { throw null; } }
    }
}
