using System.Diagnostics;

namespace NanoMqtt.Reliability.Tests.Support;

/// <summary>
/// Certificates made with the openssl command line for the TLS scenario: a CA and a server certificate
/// for 127.0.0.1 it signed; a second, unrelated CA with a server certificate of its own; and a server
/// certificate from the first CA whose validity ended in 2020 (made with `openssl ca -startdate
/// -enddate`, which OpenSSL 3.0 supports; `x509 -req` cannot back-date). A missing openssl is a failure.
/// </summary>
public sealed class TestPki : IDisposable
{
    private TestPki(string dir)
    {
        Dir = dir;
    }

    public string Dir { get; }
    public string CaCert => Path.Combine(Dir, "ca.pem");
    public string ServerCert => Path.Combine(Dir, "server.pem");
    public string ServerKey => Path.Combine(Dir, "server.key");
    public string OtherCaCert => Path.Combine(Dir, "other-ca.pem");
    public string OtherServerCert => Path.Combine(Dir, "other-server.pem");
    public string OtherServerKey => Path.Combine(Dir, "other-server.key");

    /// <summary>Signed by <see cref="CaCert"/> for the same key as <see cref="ServerKey"/>, valid 2020-01-01 to 2020-01-02.</summary>
    public string ExpiredServerCert => Path.Combine(Dir, "expired-server.pem");

    public static TestPki Create()
    {
        string openssl = MosquittoBroker.FindOnPath("openssl") ?? (File.Exists("/usr/bin/openssl") ? "/usr/bin/openssl" : null);
        if (openssl == null)
        {
            throw new InvalidOperationException("openssl is not installed, and the TLS scenario makes its certificates with it. Install it with `sudo apt-get install -y openssl` and run the tests again.");
        }

        string dir = Path.Combine(Path.GetTempPath(), "nanomqtt-pki-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var pki = new TestPki(dir);
        void Run(params string[] args) => RunOpenSsl(openssl, dir, args);

        File.WriteAllText(Path.Combine(dir, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        File.WriteAllText(Path.Combine(dir, "ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n");

        foreach (string ca in new[] { "ca", "other-ca" })
        {
            Run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca + ".key", "-out", ca + ".pem", "-days", "30",
                "-subj", "/CN=NanoMqtt test " + ca, "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        }

        foreach ((string name, string ca) in new[] { ("server", "ca"), ("other-server", "other-ca") })
        {
            Run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=127.0.0.1");
            Run("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "30", "-extfile", "server.ext");
        }

        // Back-dated: `openssl ca` takes explicit start and end dates.
        Directory.CreateDirectory(Path.Combine(dir, "issued"));
        File.WriteAllText(Path.Combine(dir, "index.txt"), "");
        File.WriteAllText(Path.Combine(dir, "serial"), "1000\n");
        File.WriteAllText(Path.Combine(dir, "ca.cnf"),
            "[ ca ]\ndefault_ca = test_ca\n[ test_ca ]\ndir = .\ndatabase = index.txt\nnew_certs_dir = issued\nserial = serial\n" +
            "default_md = sha256\npolicy = any\nunique_subject = no\n[ any ]\ncommonName = supplied\n");
        Run("ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-in", "server.csr", "-out", "expired-server.pem",
            "-startdate", "20200101000000Z", "-enddate", "20200102000000Z", "-extfile", "server.ext", "-notext");
        return pki;
    }

    private static void RunOpenSsl(string openssl, string dir, string[] args)
    {
        var psi = new ProcessStartInfo(openssl)
        {
            WorkingDirectory = dir,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi);
        Task<string> err = p.StandardError.ReadToEndAsync();
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill();
            throw new TimeoutException("openssl " + string.Join(" ", args) + " did not finish within 60 s");
        }

        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException("openssl " + string.Join(" ", args) + " failed (" + p.ExitCode + "): " + err.Result + output.Result);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
