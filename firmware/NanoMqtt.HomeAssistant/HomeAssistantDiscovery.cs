using NanoMqtt.Core.Connection;
using NanoMqtt.Core.HomeAssistant;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.HomeAssistant
{
    /// <summary>
    /// [homeassistant] discovery: the shell puts one in DevicePorts.HomeAssistant when the config asks for discovery
    /// (or an earlier boot announced entities to retract), and each FieldDevice starts its <see cref="DiscoveryPublisher"/> from it.
    /// </summary>
    public sealed class HomeAssistantDiscovery : IHomeAssistant
    {
        public IDiscovery Start(DiscoveryOptions options, IBrokerSession session, ISettingsStore store, IJitterSource jitter)
        {
            return new DiscoveryPublisher(options, session, store, jitter);
        }
    }
}
