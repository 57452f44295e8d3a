// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package nanoFramework.Hardware.Esp32 1.6.40 (assembly nanoFramework.Hardware.Esp32), read from
// github.com/nanoframework/nanoFramework.Hardware.Esp32 at commit 579dbaf231d7fa7ab2672d81176a4a59b7d60bfb
// (tag v1.6.42; v1.6.40..v1.6.42 changed only NuGet dependencies), files Configuration.cs and
// DeviceTypePins.cs, Sleep.cs and Errors.cs. 1.6.40 is pinned because it shares nanoFramework.Runtime.Events 1.11.37 with the other
// packages (1.6.42 wants 1.11.39). The package has no reset-reason or watchdog API.
namespace nanoFramework.Hardware.Esp32
{
    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) { }
    }

    public class Sleep
    {
        public static EspNativeError EnableWakeupByTimer(System.TimeSpan time) { throw null; }

        public static void StartDeepSleep() { }

        /// <summary>Read at commit 0a6fea04d042576ea9c3feb080daadbf56187297 (the stored version of Sleep.cs).</summary>
        public static WakeupCause GetWakeupCause() { throw null; }

        /// <summary>Undefined: the boot was not a wake from deep sleep (a power-on or a reset).</summary>
        public enum WakeupCause
        {
            Undefined = 0,
            Ext0 = 2,
            Ext1,
            Timer,
            TouchPad,
            Ulp,
            Gpio,
            Uart
        }
    }

    /// <summary>Only the members NanoMqtt.Device reads.</summary>
    public enum EspNativeError : int
    {
        OK = 0,
        FAIL = -1,
    }

    public enum DeviceTypes
    {
        GPIO = 0 * 0x00010000,
        I2C = 2 * 0x00010000,
        SERIAL = 3 * 0x00010000,
        PWM = 4 * 0x00010000,
    }

    /// <summary>
    /// Only the functions NanoMqtt.Device and firmware/Examples set; values as DeviceTypes + index * 0x100 + pin role
    /// (COM3 as in DeviceTypePins.cs at commit 2eb59efa386f01421d0ab7ab316480c14268ebcc, the stored version).
    /// </summary>
    public enum DeviceFunction
    {
        I2C1_DATA = DeviceTypes.I2C + (1 * 0x00000100) + 0,
        I2C1_CLOCK = DeviceTypes.I2C + (1 * 0x00000100) + 1,
        COM3_TX = DeviceTypes.SERIAL + (3 * 0x00000100) + 0,
        COM3_RX = DeviceTypes.SERIAL + (3 * 0x00000100) + 1,
        PWM1 = DeviceTypes.PWM + (1 * 0x00000100) + 0,
        PWM2 = DeviceTypes.PWM + (2 * 0x00000100) + 0,
        PWM3 = DeviceTypes.PWM + (3 * 0x00000100) + 0,
        PWM4 = DeviceTypes.PWM + (4 * 0x00000100) + 0,
        PWM5 = DeviceTypes.PWM + (5 * 0x00000100) + 0,
        PWM6 = DeviceTypes.PWM + (6 * 0x00000100) + 0,
        PWM7 = DeviceTypes.PWM + (7 * 0x00000100) + 0,
        PWM8 = DeviceTypes.PWM + (8 * 0x00000100) + 0,
    }
}
