using System.Net.NetworkInformation;
using System.Threading;
using NanoMqtt.Core.Connection;

namespace NanoMqtt.NetBoard
{
    /// <summary>
    /// INetworkLink over the host's network, in place of Wi-Fi, driven by NetworkChange's events as WifiNetworkLink
    /// is on the ESP32: down until "network available" arrives. RequestUp asks the host interface for an address
    /// (EnableDhcp), and nanoCLR's POSIX sockets layer answers with that event, as a device's DHCP does after a join.
    /// </summary>
    internal sealed class HostNetworkLink : INetworkLink
    {
        private readonly object _sync = new object();
        private readonly AutoResetEvent _wake;
        private bool _up;

        public HostNetworkLink(AutoResetEvent wake)
        {
            _wake = wake;
            NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
        }

        /// <summary>How many "network available" events arrived.</summary>
        public int AvailableEvents { get; private set; }

        public bool IsUp
        {
            get
            {
                lock (_sync)
                {
                    return _up;
                }
            }
        }

        public int Rssi
        {
            get { return 0; }
        }

        public void RequestUp()
        {
            // Returns at once: the host's address is already there, and the event follows on the event thread.
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            if (interfaces.Length > 0)
            {
                interfaces[0].EnableDhcp();
            }
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            lock (_sync)
            {
                _up = e.IsAvailable;
                if (e.IsAvailable)
                {
                    AvailableEvents++;
                }
            }

            _wake.Set();
        }
    }
}
