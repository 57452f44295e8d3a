namespace NanoMqtt.Core.Connection
{
    /// <summary>
    /// The IP link under MQTT: Wi-Fi on the device, always up on the PC. The supervisor polls it on each
    /// step; the shell wakes the step loop when the link changes so that recovery starts at once.
    /// </summary>
    public interface INetworkLink
    {
        /// <summary>True while the device has an IP address.</summary>
        bool IsUp { get; }

        /// <summary>Signal strength in dBm, or 0 when unknown.</summary>
        int Rssi { get; }

        /// <summary>Asks the shell to (re)join the network. Returns at once; never blocks the step loop.</summary>
        void RequestUp();
    }
}
