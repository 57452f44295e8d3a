using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using nanoFramework.TestFramework;
using NanoMqtt.Core.Config;

namespace NanoMqtt.Device.Tests
{
    /// <summary>The board joins the Wi-Fi of nf.config / nf.secrets and gets an address, as WifiNetworkLink does.</summary>
    [TestClass]
    public class WifiTests
    {
        [TestMethod]
        public void JoinsTheConfiguredNetworkAndGetsAnAddress()
        {
            DeviceConfig config = RigSettings.Load();
            Assert.IsTrue(Rig.JoinWifi(config), "cannot join '" + config.WifiSsid + "' within 30 s (helper status "
                + ((int)WifiNetworkHelper.Status).ToString() + "): check the SSID, the password in nf.secrets and 2.4 GHz coverage");

            string ip = Rig.WifiAddress();
            OutputHelper.WriteLine("address: " + ip);
            Assert.IsNotNull(ip, "joined but no Wi-Fi interface address");
            Assert.AreNotEqual("0.0.0.0", ip);
        }
    }

    /// <summary>Steps shared by the network tests.</summary>
    internal static class Rig
    {
        public const int JoinTimeoutMs = 30000;

        public static bool JoinWifi(DeviceConfig config)
        {
            using (var timeout = new CancellationTokenSource(JoinTimeoutMs))
            {
                return WifiNetworkHelper.ConnectDhcp(config.WifiSsid, config.WifiPassword == null ? string.Empty : config.WifiPassword,
                    System.Device.Wifi.WifiReconnectionKind.Automatic, false, 0, timeout.Token);
            }
        }

        public static string WifiAddress()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    return interfaces[i].IPv4Address;
                }
            }

            return null;
        }
    }
}
