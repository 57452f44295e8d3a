namespace NanoMqtt.Core.Connection
{
    /// <summary>Text for each <see cref="LinkFailure"/>, as diag reports it (Enum.ToString gives a number on the device).</summary>
    public static class LinkFailureNames
    {
        public static string Of(LinkFailure failure)
        {
            switch (failure)
            {
                case LinkFailure.None:
                    return "none";
                case LinkFailure.Timeout:
                    return "timeout";
                case LinkFailure.DnsFailure:
                    return "dns_failure";
                case LinkFailure.Refused:
                    return "refused";
                case LinkFailure.TlsFailure:
                    return "tls_failure";
                case LinkFailure.BadCredentials:
                    return "bad_credentials";
                case LinkFailure.NotAuthorized:
                    return "not_authorized";
                case LinkFailure.BrokerRefused:
                    return "broker_refused";
                case LinkFailure.ConnectionClosed:
                    return "connection_closed";
                case LinkFailure.KeepaliveTimeout:
                    return "keepalive_timeout";
                case LinkFailure.NetworkDown:
                    return "network_down";
                case LinkFailure.ProtocolError:
                    return "protocol_error";
                case LinkFailure.TimeUnknown:
                    return "time_unknown";
                default:
                    return "unknown";
            }
        }
    }
}
