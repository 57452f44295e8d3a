namespace NanoMqtt.Device
{
    /// <summary>
    /// Pins chosen by the board target when nf.config does not name them. The status LED ([board] status_led
    /// = -1) sits on a pin that is free, not a strapping pin and not used by the reference build of each board
    /// (see hardware/README.md).
    /// </summary>
    internal static class BoardPins
    {
        /// <summary>The status LED's GPIO for a nanoff target name, or -1 for none.</summary>
        public static int StatusLed(string target)
        {
            if (target == null)
            {
                return -1;
            }

            if (target.StartsWith("ESP32_S3"))
            {
                return 7;
            }

            if (target.StartsWith("ESP32_C3"))
            {
                return 10;
            }

            if (target.StartsWith("ESP32_REV") || target.StartsWith("ESP32_PSRAM") || target.StartsWith("ESP32_BLE"))
            {
                return 25;
            }

            return -1;
        }
    }
}
