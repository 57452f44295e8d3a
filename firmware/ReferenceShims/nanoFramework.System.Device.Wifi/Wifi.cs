// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package nanoFramework.System.Device.Wifi 1.5.149 (assembly System.Device.Wifi). The API was read at
// github.com/nanoframework/System.Device.Wifi tag v1.5.147, commit 282a90676d5b2b7fa583a4efeb47ec5cac77fa0e
// (the newest source available here; 1.5.149 is what nanoFramework's samples pin, next to System.Net 1.11.60).
// Files: System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs, WifiAdapter.cs, WifiNetworkReport.cs,
// WifiAvailableNetwork.cs, WifiReconnectionKind.cs.
using System;
using System.Threading;

namespace nanoFramework.Networking
{
    public static class WifiNetworkHelper
    {
        /// <summary>
        /// Stores the credentials, joins and waits for an IP address until the token is cancelled. With the
        /// default token it waits for ever, so always pass one.
        /// </summary>
        public static bool ConnectDhcp(string ssid, string password, System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) { throw null; }

        public static NetworkHelperStatus Status { get { throw null; } }
        public static Exception HelperException { get { throw null; } }
        public static System.Device.Wifi.WifiAdapter WifiAdapter { get { throw null; } }
    }
}

namespace System.Device.Wifi
{
    public delegate void AvailableNetworksChangedEventHandler(WifiAdapter sender, object e);

    public sealed class WifiAdapter : IDisposable
    {
        private WifiAdapter() { }

        public event AvailableNetworksChangedEventHandler AvailableNetworksChanged { add { } remove { } }
        public WifiNetworkReport NetworkReport { get { throw null; } }
        public static WifiAdapter[] FindAllAdapters() { throw null; }
        public void ScanAsync() { }
        public void Dispose() { }
    }

    public class WifiNetworkReport
    {
        private WifiNetworkReport() { }

        public WifiAvailableNetwork[] AvailableNetworks { get { throw null; } }
    }

    public class WifiAvailableNetwork
    {
        public string Ssid { get { throw null; } }
        public double NetworkRssiInDecibelMilliwatts { get { throw null; } }
    }

    public enum WifiReconnectionKind
    {
        Automatic,
        Manual
    }
}
