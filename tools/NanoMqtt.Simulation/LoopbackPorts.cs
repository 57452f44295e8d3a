using System.Net;
using System.Net.Sockets;

namespace NanoMqtt.Simulation;

/// <summary>Free TCP ports on 127.0.0.1, for the embedded broker and the brokers the tests start.</summary>
public static class LoopbackPorts
{
    /// <summary>A port nobody listens on right now (the OS picks it).</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
