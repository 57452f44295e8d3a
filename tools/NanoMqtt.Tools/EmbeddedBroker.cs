using System.Net;
using System.Net.Sockets;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace NanoMqtt.Tools;

/// <summary>
/// The MQTTnet broker that `demo` and `broker` embed, so a first try needs no install. Sessions persist
/// in memory (devices connect with clean session off). In the field, run Mosquitto or a cluster.
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private int _clients;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
        // mosquitto_sub and mosquitto_pub send an empty client id and expect the broker to make one up, as
        // MQTT 3.1.1 (3.1.3-6) and 5 allow with a clean session. MQTTnet 5.2 assigns one only under MQTT 5
        // and refuses 3.1.1 ("identifier rejected"), so the id is written into the CONNECT packet here.
        _server.ValidatingConnectionAsync += e =>
        {
            if (string.IsNullOrEmpty(e.ClientId) && e.CleanSession != false)
            {
                string id = "auto-" + Guid.NewGuid().ToString("N")[..12];
                e.AssignedClientIdentifier = id;
                if (ConnectPacketField?.GetValue(e) is MqttConnectPacket packet)
                {
                    packet.ClientId = id;
                }
            }

            return Task.CompletedTask;
        };
        _server.ClientConnectedAsync += e =>
        {
            Interlocked.Increment(ref _clients);
            ClientConnected?.Invoke(e.ClientId, e.RemoteEndPoint?.ToString());
            return Task.CompletedTask;
        };
        _server.ClientDisconnectedAsync += e =>
        {
            Interlocked.Decrement(ref _clients);
            ClientDisconnected?.Invoke(e.ClientId, e.DisconnectType.ToString());
            return Task.CompletedTask;
        };
    }

    private static readonly System.Reflection.FieldInfo ConnectPacketField = typeof(ValidatingConnectionEventArgs)
        .GetField("_connectPacket", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    public int Port { get; }
    public int Clients => Volatile.Read(ref _clients);
    public Action<string, string> ClientConnected { get; set; }
    public Action<string, string> ClientDisconnected { get; set; }

    /// <summary>Starts on the port; a taken port is a <see cref="CliException"/> with exit code 69.</summary>
    public static async Task<EmbeddedBroker> StartAsync(int port, bool loopbackOnly)
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(port)
            .WithDefaultEndpointBoundIPAddress(loopbackOnly ? IPAddress.Loopback : IPAddress.Any)
            .WithPersistentSessions(true)
            .Build();
        MqttServer server = new MqttServerFactory().CreateMqttServer(options);
        try
        {
            await server.StartAsync().ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse || ex.SocketErrorCode == SocketError.AccessDenied)
        {
            server.Dispose();
            throw new CliException(ExitCodes.Refused, "cannot listen on port " + port + ": " +
                (ex.SocketErrorCode == SocketError.AddressAlreadyInUse ? "it is in use (another broker?); pass --port" : "permission denied; pass --port above 1023"));
        }

        return new EmbeddedBroker(server, port);
    }

    public static bool IsPortFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort() => NanoMqtt.Simulation.LoopbackPorts.Free();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
        }

        _server.Dispose();
    }
}
