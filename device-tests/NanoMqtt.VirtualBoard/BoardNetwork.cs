using NanoMqtt.Core.Connection;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>Wi-Fi that is always up: the day's failures are on the broker's side (see <see cref="BoardBroker"/>).</summary>
    internal sealed class BoardNetwork : INetworkLink
    {
        public bool IsUp
        {
            get { return true; }
        }

        public int Rssi
        {
            get { return -61; }
        }

        public void RequestUp()
        {
        }
    }
}
