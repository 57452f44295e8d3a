namespace NanoMqtt.Core.Hardware
{
    /// <summary>
    /// Opens the board's pins and buses from the config. The ESP32 shell maps it to System.Device.Gpio,
    /// System.Device.I2c and System.Device.Pwm (setting pin functions first); the simulator to models.
    /// A method returns null when the pin or bus cannot be opened; the core then reports a fault.
    /// </summary>
    public interface IHardwareFactory
    {
        /// <summary>The I2C device at this 7-bit address on bus 1 (pins from the config's [i2c] section).</summary>
        II2cBus OpenI2c(int address);

        /// <summary>A digital input; pullUp selects the internal pull-up (a button to ground).</summary>
        IDigitalInput OpenInput(int pin, bool pullUp, long debounceMs);

        IDigitalOutput OpenOutput(int pin);

        IPwmOutput OpenPwm(int pin, int frequencyHz);
    }
}
