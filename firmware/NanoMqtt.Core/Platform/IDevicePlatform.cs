namespace NanoMqtt.Core.Platform
{
    /// <summary>
    /// What only the board can do or know. The core records why it reboots (in <see cref="ISettingsStore"/>)
    /// before it calls <see cref="Reboot"/>, so diag can report the reason after the next boot.
    /// </summary>
    public interface IDevicePlatform
    {
        /// <summary>Restarts the device (the simulator restarts the simulated device). May not return.</summary>
        void Reboot();

        /// <summary>Free managed heap in bytes, or -1 when unknown.</summary>
        long FreeHeapBytes { get; }

        /// <summary>Why the chip last reset as the hardware tells it (power-on, brown-out...), or null.</summary>
        string HardwareResetReason { get; }
    }
}
