using System;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.NetBoard
{
    /// <summary>The board's platform: the free heap after a collection, and reboot requests counted and printed (never done).</summary>
    internal sealed class NetBoardPlatform : IDevicePlatform
    {
        public int Reboots { get; private set; }

        public long FreeHeapBytes
        {
            get { return nanoFramework.Runtime.Native.GC.Run(false); }
        }

        public string HardwareResetReason
        {
            get { return null; }
        }

        public void Reboot()
        {
            Reboots++;
            Console.WriteLine("board: reboot_requested=" + Reboots.ToString());
        }
    }
}
