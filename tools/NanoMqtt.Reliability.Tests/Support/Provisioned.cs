using NanoMqtt.Simulation;
using NanoMqtt.Tools;

namespace NanoMqtt.Reliability.Tests.Support;

/// <summary>
/// Broker accounts made the way a user makes them: `nanomqtt provision ID` (run in-process) writes the
/// Mosquitto password_file, the ACL that confines each device to {prefix}/{id}/#, and each nf.secrets.
/// </summary>
public sealed class Provisioned : IDisposable
{
    private Provisioned(string dir)
    {
        Dir = dir;
    }

    public string Dir { get; }
    public string PasswordFile => Path.Combine(Dir, "passwd");
    public string AclFile => Path.Combine(Dir, "acl");

    public string SecretsFile(string id) => Path.Combine(Dir, id + ".secrets");

    /// <summary>The device's nf.secrets text, as `provision` wrote it.</summary>
    public string Secrets(string id) => File.ReadAllText(SecretsFile(id));

    public string Password(string id) => ConfigFiles.Load(SecretsFile(id)).Get("mqtt", "password");

    /// <summary>Provisions each id (an id starting with "admin:" gets the operator account, --admin).</summary>
    public static async Task<Provisioned> CreateAsync(params string[] ids)
    {
        var p = new Provisioned(Path.Combine(Path.GetTempPath(), "nanomqtt-accounts-" + Guid.NewGuid().ToString("N")[..8]));
        Directory.CreateDirectory(p.Dir);
        foreach (string spec in ids)
        {
            bool admin = spec.StartsWith("admin:", StringComparison.Ordinal);
            string id = admin ? spec.Substring(6) : spec;
            var args = new List<string> { "provision", id, "--password-file", p.PasswordFile, "--acl-file", p.AclFile, "--secrets", p.SecretsFile(id) };
            if (admin)
            {
                args.Add("--admin");
            }

            var output = new StringWriter();
            var error = new StringWriter();
            int code = await Cli.RunAsync(args.ToArray(), new CliEnv(output, error, interactive: false), CancellationToken.None);
            if (code != 0)
            {
                throw new InvalidOperationException("nanomqtt provision " + id + " failed (" + code + "): " + output + error);
            }
        }

        return p;
    }

    public MosquittoOptions BrokerOptions() => new MosquittoOptions { PasswordFile = PasswordFile, AclFile = AclFile };

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
