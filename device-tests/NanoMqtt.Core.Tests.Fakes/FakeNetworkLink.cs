using NanoMqtt.Core.Connection;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>
    /// The IP link, set by the test: <see cref="IsUp"/> and <see cref="Rssi"/> are plain settable values.
    /// Counts RequestUp calls; with <see cref="ComesUpOnRequest"/> a request brings the link up at once.
    /// </summary>
    public sealed class FakeNetworkLink : INetworkLink
    {
        public FakeNetworkLink(bool isUp)
        {
            IsUp = isUp;
            Rssi = -60;
        }

        public FakeNetworkLink()
            : this(true)
        {
        }

        public bool IsUp { get; set; }

        public int Rssi { get; set; }

        public int RequestUpCount { get; private set; }

        public bool ComesUpOnRequest { get; set; }

        public void RequestUp()
        {
            RequestUpCount++;
            if (ComesUpOnRequest)
            {
                IsUp = true;
            }
        }
    }
}
