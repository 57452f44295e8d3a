namespace NanoMqtt.Core.Platform
{
    /// <summary>
    /// Small key/value storage that survives a reboot (flash on the device, a file or memory on the PC).
    /// Used for settings changed at run time and for the reason of the last reboot.
    /// </summary>
    public interface ISettingsStore
    {
        /// <summary>The stored value, or null when the key was never written.</summary>
        string Read(string key);

        /// <summary>Stores the value; null removes the key. Returns false when the storage failed.</summary>
        bool Write(string key, string value);
    }
}
