using System;
using System.Diagnostics;
using System.IO;

namespace NanoMqtt.Device
{
    /// <summary>
    /// The board's internal storage: drive I: (littlefs in the ESP32 flash). `nanomqtt flash` puts nf.config,
    /// nf.secrets and the TLS files there with nanoff's file deployment; they survive firmware updates.
    /// </summary>
    internal static class StorageFiles
    {
        public const string Drive = "I:\\";

        /// <summary>The file's text, or null when it is absent or unreadable. Never throws.</summary>
        public static string ReadText(string path)
        {
            try
            {
                return File.Exists(path) ? File.ReadAllText(path) : null;
            }
            catch (Exception ex)
            {
                Debug.WriteLine("storage: cannot read " + path + ": " + ex.Message);
                return null;
            }
        }

        /// <summary>
        /// Replaces the file: writes a temporary file first and then swaps it in, so that a reset in the middle
        /// leaves either the old or the new text, never half of one. Returns false when the storage failed.
        /// </summary>
        public static bool WriteText(string path, string text)
        {
            string temporary = path + ".new";
            try
            {
                File.WriteAllText(temporary, text);
                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                File.Move(temporary, path);
                return true;
            }
            catch (Exception ex)
            {
                Debug.WriteLine("storage: cannot write " + path + ": " + ex.Message);
                return false;
            }
        }
    }
}
