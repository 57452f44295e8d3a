using System;
using NanoMqtt.Core.Config;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>
    /// A virtual board: the core's FieldDevice with the shipped nf.config, in-memory ports and a simulated
    /// day, in one nanoCLR process. It prints machine-readable "bench: key=value ..." lines with the time of
    /// its hot paths, "board: key=value ..." lines with the day's heap figures and delivery counts, then "board: done". tools/NanoMqtt.NanoClr.Tests runs it and checks them.
    /// </summary>
    public static class Program
    {
        private const string WatchdogKey = "offline_reboot";

        public static void Main()
        {
            // The hot paths first: what their runs leave is garbage by the time the day's heap is measured.
            BoardBench.Run(NanoMqtt.Device.CompiledConfig.Config);

            // Before the day, so that the board's own objects count as used and nanoCLR's start-up does not.
            long freeAtStart = nanoFramework.Runtime.Native.GC.Run(false);
            Console.WriteLine("board: free_at_start=" + freeAtStart.ToString());

            DeviceConfig config = LoadConfig();
            if (config == null)
            {
                return;
            }

            var day = new BoardDay(config, freeAtStart);
            day.Run();
            day.Report();
            Console.WriteLine("board: done");
        }

        /// <summary>
        /// The shipped config with the watchdog off, parsed in a method of its own as the firmware's ConfigLoader
        /// does: the text is garbage once it returns, so the day's heap figures do not count it.
        /// </summary>
        private static DeviceConfig LoadConfig()
        {
            string shipped;
            string text = WithoutWatchdog(NanoMqtt.Device.CompiledConfig.Config, out shipped);
            if (text == null)
            {
                Console.WriteLine("board: error the shipped nf.config has no " + WatchdogKey + " line");
                return null;
            }

            // The outage must last long enough to fill the outbox, longer than the watchdog lets a device stay offline.
            Console.WriteLine("board: config_override=[watchdog] " + WatchdogKey + " = 0 (shipped: " + shipped + ")");
            string error;
            DeviceConfig config = DeviceConfig.Parse(text, null, out error);
            if (config == null)
            {
                Console.WriteLine("board: error nf.config: " + error);
            }

            return config;
        }

        /// <summary>The config text with the watchdog's line set to 0; shipped gets the line's old value. Null without such a line.</summary>
        private static string WithoutWatchdog(string text, out string shipped)
        {
            shipped = null;
            int at = text.IndexOf("\n" + WatchdogKey);
            if (at < 0)
            {
                return null;
            }

            int start = at + 1;
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            string line = text.Substring(start, end - start);
            int equals = line.IndexOf('=');
            shipped = equals < 0 ? line.Trim() : line.Substring(equals + 1).Trim();
            return text.Substring(0, start) + WatchdogKey + " = 0" + text.Substring(end);
        }
    }
}
