using System.Text;
using NanoMqtt.Core.Connection;
using NanoMqtt.Simulation;
using NanoMqtt.Testing;
using NanoMqtt.Tools.Commands;
using Xunit;

namespace NanoMqtt.Tools.Tests;

/// <summary>A Mosquitto with accounts and ACLs written by `nanomqtt provision`.</summary>
public sealed class ProvisionedBrokerFixture : IDisposable
{
    public ProvisionedBrokerFixture()
    {
        Dir = Path.Combine(Path.GetTempPath(), "nanomqtt-provision-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Dir);
        PasswordFile = Path.Combine(Dir, "passwd");
        AclFile = Path.Combine(Dir, "acl");
        ProvisionRuns = new List<CliRun>
        {
            Provision("devA", mosquittoPasswd: true),
            // Without mosquitto_passwd, nanomqtt hashes the entry itself; devB proves that the hash works.
            Provision("devB", mosquittoPasswd: false),
            Provision("ops", mosquittoPasswd: true, "--admin")
        };
        Broker = MosquittoBroker.Start(new MosquittoOptions { PasswordFile = PasswordFile, AclFile = AclFile });
    }

    public string Dir { get; }
    public string PasswordFile { get; }
    public string AclFile { get; }
    public MosquittoBroker Broker { get; }
    public List<CliRun> ProvisionRuns { get; }

    public string SecretsOf(string id) => Path.Combine(Dir, id + ".secrets");

    public string PasswordOf(string id) => ConfigFiles.Load(SecretsOf(id)).Get("mqtt", "password");

    private CliRun Provision(string id, bool mosquittoPasswd, params string[] extra)
    {
        var cli = new CliHarness();
        if (!mosquittoPasswd)
        {
            cli.Env.FindMosquittoPasswd = () => null;
        }

        var args = new List<string> { "provision", id, "--password-file", PasswordFile, "--acl-file", AclFile, "--secrets", SecretsOf(id) };
        args.AddRange(extra);
        return cli.RunAsync(CancellationToken.None, args.ToArray()).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Broker.Dispose();
        Directory.Delete(Dir, recursive: true);
    }
}

public sealed class ProvisionTests : IClassFixture<ProvisionedBrokerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly ProvisionedBrokerFixture _f;

    public ProvisionTests(ProvisionedBrokerFixture fixture)
    {
        _f = fixture;
    }

    [Fact]
    public void Provision_writes_hashed_entries_an_acl_per_device_and_secrets_without_printing_them()
    {
        foreach (CliRun run in _f.ProvisionRuns)
        {
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        string passwd = File.ReadAllText(_f.PasswordFile);
        Assert.Matches(@"(?m)^devA:\$7\$101\$", passwd);
        Assert.Matches(@"(?m)^devB:\$7\$101\$", passwd);
        string acl = File.ReadAllText(_f.AclFile);
        Assert.Contains("user devA\ntopic readwrite nanomqtt/devA/#", acl);
        Assert.Contains("user ops\ntopic readwrite nanomqtt/#", acl);
        string password = _f.PasswordOf("devA");
        Assert.Equal(32, password.Length);
        Assert.DoesNotContain(password, _f.ProvisionRuns[0].Out + _f.ProvisionRuns[0].Err);
        Assert.DoesNotContain(password, passwd);
        Assert.Contains("mosquitto_passwd not found", _f.ProvisionRuns[1].Err);
    }

    [Fact]
    public async Task Provisioning_again_replaces_the_entry_instead_of_adding_one()
    {
        string dir = Path.Combine(_f.Dir, "again");
        string pw = Path.Combine(dir, "passwd");
        string acl = Path.Combine(dir, "acl");
        string secrets = Path.Combine(dir, "nf.secrets");
        Directory.CreateDirectory(dir);
        File.WriteAllText(secrets, "[wifi]\npassword = keepme\n");
        for (int i = 0; i < 2; i++)
        {
            CliRun run = await CliHarness.Run("provision", "devC", "--password-file", pw, "--acl-file", acl, "--secrets", secrets, "--show-secret");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("password      " + ConfigFiles.Load(secrets).Get("mqtt", "password"), run.Out);
        }

        Assert.Single(File.ReadAllLines(pw), l => l.StartsWith("devC:", StringComparison.Ordinal));
        Assert.Single(File.ReadAllLines(acl), l => l == "user devC");
        Assert.Equal("keepme", ConfigFiles.Load(secrets).Get("wifi", "password"));
    }

    [Fact]
    public async Task The_acl_lets_a_device_use_its_own_topics_but_not_publish_into_or_read_another_devices()
    {
        await using MqttProbe ops = await MqttProbe.ConnectAsync(_f.Broker.Host, _f.Broker.Port, "ops", _f.PasswordOf("ops"));
        await ops.SubscribeAsync("nanomqtt/#");
        await using MqttProbe devA = await MqttProbe.ConnectAsync(_f.Broker.Host, _f.Broker.Port, "devA", _f.PasswordOf("devA"), "devA");
        await using MqttProbe devB = await MqttProbe.ConnectAsync(_f.Broker.Host, _f.Broker.Port, "devB", _f.PasswordOf("devB"), "devB");

        // devA tries to read devB's commands. Mosquitto 2 grants the SUBACK but never delivers a
        // message the ACL denies, so the test checks delivery, against devB receiving the same command.
        await devA.SubscribeAsync("nanomqtt/devB/cmd/+");
        await devA.SubscribeAsync("nanomqtt/devA/cmd/+");
        await devB.SubscribeAsync("nanomqtt/devB/cmd/+");
        await ops.PublishAsync("nanomqtt/devB/cmd/relay1", "from-ops");
        await ops.PublishAsync("nanomqtt/devA/cmd/relay1", "for-a");
        await devB.WaitForAsync("nanomqtt/devB/cmd/relay1", "from-ops", Wait);
        await devA.WaitForAsync("nanomqtt/devA/cmd/relay1", "for-a", Wait);
        Assert.Empty(devA.On("nanomqtt/devB/cmd/relay1"));

        // devA publishes into devB's command topic (denied), then into its own topic (allowed).
        await devA.PublishAsync("nanomqtt/devB/cmd/relay1", "on");
        await devA.PublishAsync("nanomqtt/devA/telemetry/t", "{\"v\":1,\"seq\":1}");
        await devB.PublishAsync("nanomqtt/devB/telemetry/t", "{\"v\":2,\"seq\":1}");
        await ops.WaitForAsync("nanomqtt/devA/telemetry/t", "{\"v\":1,\"seq\":1}", Wait);
        await ops.WaitForAsync("nanomqtt/devB/telemetry/t", "{\"v\":2,\"seq\":1}", Wait);
        Assert.DoesNotContain(devB.On("nanomqtt/devB/cmd/relay1"), m => m.Text == "on");
        Assert.DoesNotContain(ops.On("nanomqtt/devB/cmd/relay1"), m => m.Text == "on");
    }

    [Fact]
    public async Task A_device_link_with_a_wrong_password_fails_with_BadCredentials_and_without_one_NotAuthorized()
    {
        using var link = new MqttnetLink();
        var events = new LinkEvents(link);
        link.BeginConnect(Req.To(_f.Broker, "devA", "devA", "wrong-password"));
        LinkEvent e = await events.NextAsync(Wait);
        Assert.Equal(LinkEventKind.ConnectFailed, e.Kind);
        Assert.Equal(LinkFailure.BadCredentials, e.Failure);

        link.BeginConnect(Req.To(_f.Broker, "devA", "devA", "wrong-password", protocol: 5));
        e = await events.NextAsync(Wait);
        Assert.Equal(LinkFailure.BadCredentials, e.Failure);

        link.BeginConnect(Req.To(_f.Broker, "devA", "devA", _f.PasswordOf("devA")));
        Assert.Equal(LinkEventKind.Connected, (await events.NextAsync(Wait)).Kind);

        // No credentials at all: the broker does not know who this is, which is not a bad password.
        using var anonymous = new MqttnetLink();
        var anonymousEvents = new LinkEvents(anonymous);
        anonymous.BeginConnect(Req.To(_f.Broker, "nobody"));
        Assert.Equal(LinkFailure.NotAuthorized, (await anonymousEvents.NextAsync(Wait)).Failure);
    }

    [Fact]
    public async Task The_cli_says_bad_credentials_in_one_line_with_exit_77()
    {
        CliRun run = await CliHarness.Run("devices", "--broker", _f.Broker.Endpoint, "--user", "devA", "--password", "nope");
        Assert.Equal(ExitCodes.BadCredentials, run.ExitCode);
        Assert.Single(run.Err.Trim().Split('\n'));
        Assert.Contains("user 'devA'", run.Err);

        CliRun anonymous = await CliHarness.Run("devices", "--broker", _f.Broker.Endpoint);
        Assert.Equal(ExitCodes.BadCredentials, anonymous.ExitCode);
    }

    [Fact]
    public void The_own_hash_matches_mosquittos_format_for_a_known_salt()
    {
        // Reference: mosquitto_passwd -U on "u1:secret" gave this line (salt EWOe3MrMwdqA327A).
        string hash = ProvisionCommand.MosquittoHash("secret", Convert.FromBase64String("EWOe3MrMwdqA327A"));
        Assert.Equal("$7$101$EWOe3MrMwdqA327A$BaUiC5WVI1aVyH7DgG7b+hC5XCYiX1/ImVETvR5u6eZqyeHPekEelg5b37m5Wu1le/o+ziZUFjryUDb9kwsXyQ==", hash);
    }
}
