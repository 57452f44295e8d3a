using System;
using System.Diagnostics;
using System.IO;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Device
{
    /// <summary>
    /// The board's internal storage: drive I: (littlefs in the ESP32 flash). `nanomqtt flash` puts nf.config,
    /// nf.secrets and the TLS files there with nanoff's file deployment; they survive firmware updates.
    /// Reads and writes go through the core's DurableFile, so a reset in the middle of a write leaves the
    /// old or the new text (see DurableFile for the order of the steps).
    /// </summary>
    internal static class StorageFiles
    {
        public const string Drive = "I:\\";

        private static readonly DurableFile Durable = new DurableFile(new SystemFiles());

        /// <summary>The file's text, or null when it is absent or unreadable. Never throws.</summary>
        public static string ReadText(string path)
        {
            try
            {
                return Durable.Read(path);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("storage: cannot read " + path + ": " + ex.Message);
                return null;
            }
        }

        /// <summary>Replaces the file; returns false when the storage failed. Never throws.</summary>
        public static bool WriteText(string path, string text)
        {
            try
            {
                Durable.Write(path, text);
                return true;
            }
            catch (Exception ex)
            {
                Debug.WriteLine("storage: cannot write " + path + ": " + ex.Message);
                return false;
            }
        }

        /// <summary>IFileOps over System.IO.File (package nanoFramework.System.IO.FileSystem).</summary>
        private sealed class SystemFiles : IFileOps
        {
            public bool Exists(string path)
            {
                return File.Exists(path);
            }

            public string ReadAllText(string path)
            {
                return File.ReadAllText(path);
            }

            public void WriteAllText(string path, string text)
            {
                File.WriteAllText(path, text);
            }

            public void Delete(string path)
            {
                File.Delete(path);
            }

            public void Move(string from, string to)
            {
                File.Move(from, to);
            }
        }
    }
}
