using NanoMqtt.Core.Config;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// Run-time settings kept in <see cref="ISettingsStore"/> across reboots: "interval.{sensor}" holds a
    /// duration ("30000ms", readable by <see cref="Duration"/>), "qos.{stream}" holds "0", "1" or "2".
    /// A stored value wins over the config file's, because it is the newer wish of the operator.
    /// </summary>
    public static class PersistedSettings
    {
        public const string IntervalPrefix = "interval.";
        public const string QosPrefix = "qos.";

        /// <summary>0, 1 or 2 for exactly "0", "1" or "2", else -1 (compared whole: no string indexer, which nanoCLR walks from the start).</summary>
        public static int ParseQos(string text)
        {
            return text == "0" ? 0 : text == "1" ? 1 : text == "2" ? 2 : -1;
        }

        /// <summary>
        /// At boot: hands every stored interval and QoS of the named sensors and streams to the settings
        /// (the store cannot list its keys, so the caller names what the config defines). A stored value
        /// that is unreadable or now refused (the sensor changed) is skipped, so a bad entry never blocks
        /// the boot. Returns how many were applied.
        /// </summary>
        public static int ApplyAtBoot(ISettingsStore store, IRuntimeSettings settings, string[] sensors, string[] streams)
        {
            if (store == null || settings == null)
            {
                return 0;
            }

            int applied = 0;
            for (int i = 0; sensors != null && i < sensors.Length; i++)
            {
                long ms;
                string text = sensors[i] == null ? null : store.Read(IntervalPrefix + sensors[i]);
                if (text != null && Duration.TryParse(text, out ms) && ms > 0 && settings.SetInterval(sensors[i], ms) == null)
                {
                    applied++;
                }
            }

            for (int i = 0; streams != null && i < streams.Length; i++)
            {
                int qos = streams[i] == null ? -1 : ParseQos(store.Read(QosPrefix + streams[i]));
                if (qos >= 0 && settings.SetQos(streams[i], qos) == null)
                {
                    applied++;
                }
            }

            return applied;
        }
    }
}
