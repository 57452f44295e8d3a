using System.Net.NetworkInformation;
using System.Threading;
using NanoMqtt.Core.Connection;

namespace NanoMqtt.NetBoard
{
    /// <summary>
    /// INetworkLink over the host's network, in place of Wi-Fi: up when System.Net says a network is available,
    /// and kept up to date by NetworkChange's events, as WifiNetworkLink follows them on the ESP32 (nanoCLR's
    /// POSIX sockets layer raises "network available" once managed code can receive events).
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
            _up = NetworkInterface.GetIsNetworkAvailable();
        }

        /// <summary>How many "network available" events arrived (the start-up one included).</summary>
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
            // The host's network is not the board's to join.
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
