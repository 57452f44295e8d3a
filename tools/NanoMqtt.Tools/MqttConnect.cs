using MQTTnet;
using MQTTnet.Formatter;
using NanoMqtt.Core.Connection;
using NanoMqtt.Simulation;

namespace NanoMqtt.Tools;

/// <summary>
/// Connects the CLI's own MQTT client. A failure becomes a <see cref="CliException"/> with one clear
/// line and the exit code of its class, using the same mapping as a simulated device's link.
/// </summary>
public static class MqttConnect
{
    public static async Task<IMqttClient> ConnectAsync(BrokerSettings s, string clientIdPrefix, CancellationToken ct, bool v5 = false)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var b = new MqttClientOptionsBuilder()
            .WithTcpServer(s.Host, s.Port)
            .WithClientId(clientIdPrefix + "-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(s.User))
        {
            b.WithCredentials(s.User, s.Password ?? "");
        }

        if (s.Tls)
        {
            System.Security.Cryptography.X509Certificates.X509Certificate2Collection ca = null;
            if (s.CaFile != null)
            {
                ca = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
                try
                {
                    ca.ImportFromPemFile(s.CaFile);
                }
                catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException || ex is IOException)
                {
                    client.Dispose();
                    throw new CliException(ExitCodes.BadArgument, "--ca: " + s.CaFile + " is not a PEM certificate: " + ex.Message);
                }
            }

            b.WithTlsOptions(o =>
            {
                o.UseTls(true).WithTargetHost(s.Host);
                if (ca != null)
                {
                    o.WithCertificateValidationHandler(args => MqttnetLink.TrustedByCa(args, ca));
                }
            });
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            MqttClientConnectResult result = await client.ConnectAsync(b.Build(), timeout.Token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                client.Dispose();
                LinkFailure failure = MqttFailures.FromConnAck(result.ResultCode, !string.IsNullOrEmpty(s.User));
                throw Fail(s, failure, result.ResultCode.ToString());
            }

            return client;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            client.Dispose();
            throw;
        }
        catch (CliException)
        {
            throw;
        }
        catch (Exception ex)
        {
            client.Dispose();
            throw Fail(s, MqttFailures.FromException(ex, timeout.IsCancellationRequested, s.Tls), MqttFailures.Describe(ex));
        }
    }

    /// <summary>The one line and exit code for a link failure.</summary>
    public static CliException Fail(BrokerSettings s, LinkFailure failure, string detail)
    {
        string at = s.Endpoint + (s.Tls ? " (TLS)" : "");
        switch (failure)
        {
            case LinkFailure.DnsFailure:
                return new CliException(ExitCodes.UnknownHost, "cannot resolve broker host '" + s.Host + "': " + detail);
            case LinkFailure.Refused:
                return new CliException(ExitCodes.Refused, "connection refused by " + at + ": is the broker running and the port right?");
            case LinkFailure.Timeout:
                return new CliException(ExitCodes.Timeout, "no answer from " + at + " within 10 s: check the host, the port and any firewall");
            case LinkFailure.TlsFailure:
                return new CliException(ExitCodes.TlsFailure, "TLS handshake with " + at + " failed: " + detail + (s.CaFile == null ? " (pass the broker's CA with --ca)" : ""));
            case LinkFailure.BadCredentials:
                return new CliException(ExitCodes.BadCredentials, "bad user name or password for " + at + (string.IsNullOrEmpty(s.User) ? " (no --user given)" : " (user '" + s.User + "')"));
            case LinkFailure.NotAuthorized:
                return new CliException(ExitCodes.BadCredentials, "not authorized by " + at + (string.IsNullOrEmpty(s.User) ? ": the broker needs --user and --password" : " for user '" + s.User + "'"));
            case LinkFailure.BrokerRefused:
                return new CliException(ExitCodes.BrokerRefused, "the broker at " + at + " refused the connection: " + detail);
            default:
                return new CliException(ExitCodes.BrokerRefused, "connection to " + at + " failed: " + detail);
        }
    }
}
