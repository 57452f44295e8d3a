using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.HomeAssistant
{
    /// <summary>
    /// Home Assistant discovery for [homeassistant] (<see cref="Device.DevicePorts.HomeAssistant"/>): NanoMqtt.HomeAssistant's
    /// HomeAssistantDiscovery. A build without it reports discovery = true as a config error and runs on unannounced.
    /// </summary>
    public interface IHomeAssistant
    {
        /// <summary>Starts this boot's discovery (it also retracts what an earlier boot announced, when discovery is off).</summary>
        IDiscovery Start(DiscoveryOptions options, IBrokerSession session, ISettingsStore store, IJitterSource jitter);
    }
}
