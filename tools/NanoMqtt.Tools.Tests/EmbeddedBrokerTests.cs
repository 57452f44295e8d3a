using System.Diagnostics;
using Xunit;

namespace NanoMqtt.Tools.Tests;

/// <summary>The README tells users to point mosquitto_sub and mosquitto_pub at the demo's broker as they are.</summary>
public sealed class EmbeddedBrokerTests
{
    [Theory]
    [InlineData("311")]
    [InlineData("5")]
    public async Task MosquittoClientsWithoutAClientIdAreAccepted(string version)
    {
        await using var broker = await EmbeddedBroker.StartAsync(EmbeddedBroker.FreePort(), loopbackOnly: true);
        string port = broker.Port.ToString();

        // QoS 1: mosquitto_pub then exits only after the PUBACK, which MQTTnet sends once the retained message is
        // stored. At QoS 0 it exits as soon as the bytes are written, and on a busy machine the subscribe below
        // could be handled before the broker has read them.
        var pub = await RunAsync("mosquitto_pub", "-V", version, "-h", "127.0.0.1", "-p", port, "-t", "nanomqtt/dev1/status", "-m", "online", "-r", "-q", "1");
        Assert.True(pub.Code == 0, "mosquitto_pub: " + pub.Output);
        var sub = await RunAsync("mosquitto_sub", "-V", version, "-h", "127.0.0.1", "-p", port, "-t", "nanomqtt/#", "-v", "-C", "1", "-W", "10");
        Assert.True(sub.Code == 0, "mosquitto_sub: " + sub.Output);
        Assert.Equal("nanomqtt/dev1/status online", sub.Output.Trim());
    }

    private static async Task<(int Code, string Output)> RunAsync(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException(tool + " did not start");
        string output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
