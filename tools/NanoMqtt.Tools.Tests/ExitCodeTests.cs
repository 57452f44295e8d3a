using NanoMqtt.Testing;
using Xunit;

namespace NanoMqtt.Tools.Tests;

public sealed class ExitCodeTests : IClassFixture<MosquittoFixture>
{
    private readonly MosquittoBroker _broker;

    public ExitCodeTests(MosquittoFixture fixture)
    {
        _broker = fixture.Broker;
    }

    [Theory]
    [InlineData("send")]
    [InlineData("send", "dev1", "relay1")]
    [InlineData("send", "dev1", "relay1", "on", "--timeout", "soon")]
    [InlineData("send", "dev/1", "relay1", "on")]
    [InlineData("send", "dev1", "relay1", "on", "--broker", "localhost:99999")]
    [InlineData("simulate")]
    [InlineData("simulate", "--devices", "0")]
    [InlineData("simulate", "--devices", "2", "--qos", "2")]
    [InlineData("watch", "--duration", "forever")]
    [InlineData("provision", "bad+id")]
    [InlineData("frobnicate")]
    [InlineData("devices", "--no-such-option")]
    public async Task A_bad_argument_is_one_line_and_exit_64(params string[] args)
    {
        CliRun run = await CliHarness.Run(args);
        Assert.True(run.ExitCode == ExitCodes.BadArgument, run.ToString());
        Assert.Single(run.Err.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public async Task A_refused_connection_is_exit_69()
    {
        CliRun run = await CliHarness.Run("devices", "--broker", "127.0.0.1:" + MosquittoBroker.FreePort());
        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("connection refused", run.Err);
        Assert.Single(run.Err.Trim().Split('\n'));
    }

    [Fact]
    public async Task An_unknown_host_is_exit_68()
    {
        CliRun run = await CliHarness.Run("send", "d", "a", "on", "--broker", "no-such-host.invalid:1883");
        Assert.Equal(ExitCodes.UnknownHost, run.ExitCode);
        Assert.Contains("cannot resolve broker host 'no-such-host.invalid'", run.Err);
    }

    [Fact]
    public async Task A_tls_handshake_failure_is_exit_76()
    {
        // TLS against a plain MQTT listener: the handshake cannot succeed.
        CliRun run = await CliHarness.Run("devices", "--tls", "--broker", _broker.Endpoint);
        Assert.True(run.ExitCode == ExitCodes.TlsFailure, run.ToString());
        Assert.Contains("TLS handshake", run.Err);
        Assert.Single(run.Err.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_missing_config_file_is_exit_65()
    {
        CliRun run = await CliHarness.Run("devices", "--config", "/nonexistent/nf.config");
        Assert.Equal(ExitCodes.BadConfig, run.ExitCode);
    }

    [Fact]
    public async Task A_malformed_config_file_is_exit_65_naming_its_line()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nanomqtt-badconfig-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            string config = Path.Combine(dir, "nf.config");
            File.WriteAllText(config, "[device]\nid = dev1\nthis line has no equals\n");
            CliRun run = await CliHarness.Run("devices", "--config", config);
            Assert.Equal(ExitCodes.BadConfig, run.ExitCode);
            Assert.Contains(config + " line 3: expected 'key = value'", run.Err);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Broker_on_a_taken_port_is_exit_69()
    {
        CliRun run = await CliHarness.Run("broker", "--port", _broker.Port.ToString(), "--local");
        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("in use", run.Err);
    }
}
