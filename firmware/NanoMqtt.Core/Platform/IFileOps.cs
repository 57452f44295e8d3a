namespace NanoMqtt.Core.Platform
{
    /// <summary>
    /// The few file operations <see cref="DurableFile"/> needs (System.IO.File on the device). Each may
    /// throw; a reset of the board can happen between any two of them, and in the middle of a write.
    /// </summary>
    public interface IFileOps
    {
        bool Exists(string path);

        string ReadAllText(string path);

        /// <summary>Creates or replaces the file.</summary>
        void WriteAllText(string path, string text);

        void Delete(string path);

        /// <summary>Renames; the destination must not exist. Atomic on the ESP32's littlefs.</summary>
        void Move(string from, string to);
    }
}
