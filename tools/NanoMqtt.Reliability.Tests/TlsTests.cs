using System.Security.Cryptography.X509Certificates;
using NanoMqtt.Simulation;

namespace NanoMqtt.Reliability.Tests;

/// <summary>Scenario 7: TLS with a CA made by openssl; a foreign CA and an expired certificate are refused.</summary>
public sealed class TlsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_device_trusts_only_its_ca_and_only_a_certificate_in_date()
    {
        using TestPki pki = TestPki.Create();

        // The certificates are what the test claims they are: the expired one fails on its dates alone,
        // the foreign one on its issuer alone.
        X509ChainStatusFlags expiredStatus = ChainStatus(pki.ExpiredServerCert, pki.CaCert);
        X509ChainStatusFlags foreignStatus = ChainStatus(pki.OtherServerCert, pki.CaCert);
        Assert.Equal(X509ChainStatusFlags.NoError, ChainStatus(pki.ServerCert, pki.CaCert));
        Assert.Equal(X509ChainStatusFlags.NotTimeValid, expiredStatus);
        Assert.NotEqual(X509ChainStatusFlags.NoError, foreignStatus);
        Assert.Equal(X509ChainStatusFlags.NoError, foreignStatus & X509ChainStatusFlags.NotTimeValid);

        // The good broker also has a plain listener for the independent subscriber.
        int plainPort = MosquittoBroker.FreePort();
        var goodOptions = new MosquittoOptions { CaFile = pki.CaCert, CertFile = pki.ServerCert, KeyFile = pki.ServerKey };
        goodOptions.ExtraLines.Add("listener " + plainPort + " 127.0.0.1");
        using var good = MosquittoBroker.Start(goodOptions);
        using var foreign = MosquittoBroker.Start(new MosquittoOptions { CaFile = pki.OtherCaCert, CertFile = pki.OtherServerCert, KeyFile = pki.OtherServerKey });
        using var expired = MosquittoBroker.Start(new MosquittoOptions { CaFile = pki.CaCert, CertFile = pki.ExpiredServerCert, KeyFile = pki.ServerKey });
        await using MqttProbe probe = await MqttProbe.ConnectAsync(good.Host, plainPort);
        await probe.SubscribeAsync("nanomqtt/#");

        var link = new MqttnetLinkOptions { CaFile = pki.CaCert };
        var config = new RigConfig { Tls = true, BackoffCap = "2s" };
        await using var rig = new Rig();
        RigDevice ok = rig.Add("tlsok", With(config, good.Port), seed: 700, link);
        RigDevice other = rig.Add("tlsforeign", With(config, foreign.Port), seed: 701, link);
        RigDevice old = rig.Add("tlsexpired", With(config, expired.Port), seed: 702, link);
        rig.Start();

        DateTime started = DateTime.UtcNow;
        await probe.WaitForAsync(ok.Topic("status"), "online", Drain.Long);
        double connectMs = (DateTime.UtcNow - started).TotalMilliseconds;
        await probe.WaitForAsync(m => m.Topic == ok.Topic("telemetry/light"), Drain.Long, "telemetry over TLS");
        await Eventually.Until(() => other.Supervisor.Stats.ConnectAttempts >= 3 && old.Supervisor.Stats.ConnectAttempts >= 3, Drain.Long, "three attempts at each refusing broker");
        string foreignDetail = other.Sim.Link.LastFailureDetail;
        string expiredDetail = old.Sim.Link.LastFailureDetail;
        await rig.FreezeAsync();

        Figures.Report(output, new FigureRow
        {
            Scenario = "7. TLS (openssl CA, 3 brokers)",
            Faults = "server certificate from a foreign CA; server certificate expired 2020-01-02",
            Sent = "-",
            Lost = "-",
            Duplicated = "-",
            Recovery = "trusted broker: online in " + Figures.Ms(connectMs),
            Notes = "foreign CA: " + LinkFailureNames.Of(other.Supervisor.Stats.LastFailure) + " x" + other.Supervisor.Stats.ConnectAttempts + " (chain: " + foreignStatus + ", link: " + foreignDetail
                + "); expired: " + LinkFailureNames.Of(old.Supervisor.Stats.LastFailure) + " x" + old.Supervisor.Stats.ConnectAttempts + " (chain: " + expiredStatus + ", link: " + expiredDetail + ")"
        });

        Assert.True(ok.Supervisor.Stats.Reconnects == 0 && ok.Supervisor.Stats.ConnectAttempts == 1, "the trusted broker should take the first attempt");
        foreach (RigDevice refused in new[] { other, old })
        {
            Assert.Equal(LinkFailure.TlsFailure, refused.Supervisor.Stats.LastFailure);
            Assert.NotEqual(ConnectionState.Online, refused.Supervisor.State);
            Assert.Equal(0, refused.Device.Diagnostics.Published);
        }
    }

    private static TestDeviceConfig With(TestDeviceConfig config, int port)
    {
        TestDeviceConfig c = config.Clone();
        c.Port = port;
        return c;
    }

    /// <summary>How .NET judges the certificate against the CA alone (no system roots, no revocation).</summary>
    private static X509ChainStatusFlags ChainStatus(string certFile, string caFile)
    {
        using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(certFile));
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(cert);
        X509ChainStatusFlags flags = X509ChainStatusFlags.NoError;
        foreach (X509ChainStatus s in chain.ChainStatus)
        {
            flags |= s.Status;
        }

        return flags;
    }
}
