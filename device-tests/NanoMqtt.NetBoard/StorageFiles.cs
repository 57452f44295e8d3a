namespace NanoMqtt.Device
{
    /// <summary>
    /// The board's internal storage, as M2MqttLink reads it (the TLS files): this board has none, so every file is
    /// absent. It stands in for firmware/NanoMqtt.Device/StorageFiles.cs, which needs System.IO.FileSystem and
    /// the ESP32's flash drive.
    /// </summary>
    internal static class StorageFiles
    {
        public static string ReadText(string path)
        {
            return null;
        }
    }
}
