// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package nanoFramework.System.Net 1.11.60 (assembly System.Net). The API was read at
// github.com/nanoframework/System.Net tag v1.11.54, commit 713b02c9fea5265e4e70981a9115daa3b5745c4c (the newest
// source available here); 1.11.60 is the version M2Mqtt 5.1.220 and nanoFramework's own samples build against.
// Files: nanoFramework.System.Net/NetworkInformation/NetworkChange.cs, NetworkInterface.cs, NetworkInterfaceType.cs,
// Wireless80211Configuration.cs.
using System;

namespace System.Net.NetworkInformation
{
    public class NetworkAvailabilityEventArgs : EventArgs
    {
        public bool IsAvailable { get { throw null; } }
    }

    public delegate void NetworkAddressChangedEventHandler(object sender, EventArgs e);

    public delegate void NetworkAvailabilityChangedEventHandler(object sender, NetworkAvailabilityEventArgs e);

    public static class NetworkChange
    {
        public static event NetworkAddressChangedEventHandler NetworkAddressChanged { add { } remove { } }
        public static event NetworkAvailabilityChangedEventHandler NetworkAvailabilityChanged { add { } remove { } }
    }

    public class NetworkInterface
    {
        protected NetworkInterface(int interfaceIndex) { }

        public static NetworkInterface[] GetAllNetworkInterfaces() { throw null; }
        public string IPv4Address { get { throw null; } }
        public NetworkInterfaceType NetworkInterfaceType { get { throw null; } }
    }

    public enum NetworkInterfaceType
    {
        Unknown = 1,
        Ethernet = 6,
        Wireless80211 = 71,
        WirelessAP = 72,
    }

    /// <summary>The Wi-Fi profiles stored in the board's configuration block (read by the join at boot).</summary>
    public class Wireless80211Configuration
    {
        public Wireless80211Configuration(uint id) { }

        public ConfigurationOptions Options { get { throw null; } set { } }
        public string Password { get { throw null; } set { } }
        public string Ssid { get { throw null; } set { } }

        public static Wireless80211Configuration[] GetAllWireless80211Configurations() { throw null; }

        [Flags]
        public enum ConfigurationOptions : byte
        {
            None = 0,
            Disable = 0x01,
            Enable = 0x02,
            AutoConnect = 0x04 | Enable,
            SmartConfig = 0x08 | Enable,
        }
    }
}

namespace nanoFramework.Networking
{
    /// <summary>nanoFramework.System.Net/NetworkHelper/NetworkHelperStatus.cs (read by WifiNetworkHelper.Status).</summary>
    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning,
        ExceptionOccurred,
        Reconnecting
    }
}
