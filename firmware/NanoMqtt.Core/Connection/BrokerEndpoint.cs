namespace NanoMqtt.Core.Connection
{
    /// <summary>One broker the device may connect to. The supervisor tries a list of these in turn.</summary>
    public sealed class BrokerEndpoint
    {
        public readonly string Host;
        public readonly int Port;
        public readonly bool UseTls;

        public BrokerEndpoint(string host, int port, bool useTls)
        {
            Host = host;
            Port = port;
            UseTls = useTls;
        }

        /// <summary>Null when usable, else what is wrong.</summary>
        public string Validate()
        {
            if (Host == null || Host.Trim().Length == 0)
            {
                return "broker host is empty";
            }

            if (Port <= 0 || Port > 65535)
            {
                return "broker port " + Port + " of " + Host + " is outside 1..65535";
            }

            return null;
        }

        /// <summary>host:port, as diag reports it.</summary>
        public override string ToString()
        {
            return Host + ":" + Port;
        }
    }
}
