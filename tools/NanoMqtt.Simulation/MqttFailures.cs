using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Exceptions;
using NanoMqtt.Core.Connection;

namespace NanoMqtt.Simulation;

/// <summary>
/// Maps what MQTTnet reports (CONNACK codes, exceptions) to the core's one-reason-per-failure
/// <see cref="LinkFailure"/>. The CLI uses the same mapping for its exit codes, so a user sees the same
/// reason a simulated device reports.
/// </summary>
public static class MqttFailures
{
    /// <summary>A refused CONNACK, with the core's rule for a refused client that sent credentials (<see cref="ConnectErrorClassifier.Refused"/>).</summary>
    public static LinkFailure FromConnAck(MqttClientConnectResultCode code, bool sentCredentials) =>
        ConnectErrorClassifier.Refused(FromConnAck(code), sentCredentials);

    public static LinkFailure FromConnAck(MqttClientConnectResultCode code)
    {
        switch (code)
        {
            case MqttClientConnectResultCode.Success:
                return LinkFailure.None;
            case MqttClientConnectResultCode.BadUserNameOrPassword:
            case MqttClientConnectResultCode.BadAuthenticationMethod:
                return LinkFailure.BadCredentials;
            case MqttClientConnectResultCode.NotAuthorized:
                return LinkFailure.NotAuthorized;
            case MqttClientConnectResultCode.MalformedPacket:
            case MqttClientConnectResultCode.ProtocolError:
                return LinkFailure.ProtocolError;
            default:
                return LinkFailure.BrokerRefused;
        }
    }

    /// <summary>
    /// Why a connect attempt threw. <paramref name="timedOut"/> is true when our own connect timeout fired.
    /// With <paramref name="tls"/>, a connection reset or closed during the attempt is a TLS failure: that is
    /// how a plain-MQTT port or a peer that rejects our handshake answers a ClientHello.
    /// </summary>
    public static LinkFailure FromException(Exception exception, bool timedOut, bool tls = false)
    {
        if (timedOut)
        {
            return LinkFailure.Timeout;
        }

        for (Exception e = exception; e != null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException se:
                    if (tls && (se.SocketErrorCode == SocketError.ConnectionReset || se.SocketErrorCode == SocketError.ConnectionAborted))
                    {
                        return LinkFailure.TlsFailure;
                    }

                    return FromSocketError(se.SocketErrorCode);
                case AuthenticationException:
                    return LinkFailure.TlsFailure;
                case MqttCommunicationTimedOutException:
                case TimeoutException:
                case OperationCanceledException:
                    return LinkFailure.Timeout;
                case MqttProtocolViolationException:
                    return LinkFailure.ProtocolError;
            }
        }

        for (Exception e = exception; e != null; e = e.InnerException)
        {
            if (e is IOException || e is EndOfStreamException || e is MqttCommunicationException || e is ObjectDisposedException)
            {
                return tls && (e is IOException || e is EndOfStreamException) ? LinkFailure.TlsFailure : LinkFailure.ConnectionClosed;
            }
        }

        return LinkFailure.ProtocolError;
    }

    public static LinkFailure FromSocketError(SocketError error)
    {
        switch (error)
        {
            case SocketError.HostNotFound:
            case SocketError.NoData:
            case SocketError.TryAgain:
                return LinkFailure.DnsFailure;
            case SocketError.ConnectionRefused:
            case SocketError.HostUnreachable:
            case SocketError.NetworkUnreachable:
            case SocketError.HostDown:
            case SocketError.NetworkDown:
            case SocketError.AddressNotAvailable:
                return LinkFailure.Refused;
            case SocketError.TimedOut:
                return LinkFailure.Timeout;
            default:
                return LinkFailure.ConnectionClosed;
        }
    }

    /// <summary>Why an established connection ended, from MQTTnet's disconnected event.</summary>
    public static LinkFailure FromDisconnect(MqttClientDisconnectedEventArgs e)
    {
        if (e.Exception is MqttClientUnexpectedDisconnectReceivedException)
        {
            return e.Reason == MqttClientDisconnectReason.NotAuthorized ? LinkFailure.NotAuthorized : LinkFailure.ConnectionClosed;
        }

        if (e.Reason == MqttClientDisconnectReason.KeepAliveTimeout)
        {
            return LinkFailure.KeepaliveTimeout;
        }

        for (Exception x = e.Exception; x != null; x = x.InnerException)
        {
            if (x is MqttCommunicationTimedOutException || x is TimeoutException)
            {
                return LinkFailure.KeepaliveTimeout;
            }
        }

        return LinkFailure.ConnectionClosed;
    }

    /// <summary>The innermost message worth showing a user, without a stack trace.</summary>
    public static string Describe(Exception exception)
    {
        Exception best = exception;
        for (Exception e = exception; e != null; e = e.InnerException)
        {
            if (e is SocketException || e is AuthenticationException)
            {
                best = e;
            }
        }

        return best?.Message ?? "unknown error";
    }
}
