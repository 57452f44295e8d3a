using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace NanoMqtt.Bench.Harness;

/// <summary>
/// The listener of a scenario: an MQTTnet client connected straight to the broker (never through the
/// proxy), which timestamps every message it receives with <see cref="BenchClock"/>.
/// </summary>
public sealed class Subscriber : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<(string Topic, long Ms)> _log = new ConcurrentQueue<(string, long)>();
    private readonly bool _record;
    private long _count;

    private Subscriber(IMqttClient client, bool record)
    {
        _client = client;
        _record = record;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            long now = BenchClock.Ms;
            Interlocked.Increment(ref _count);
            if (_record)
            {
                _log.Enqueue((e.ApplicationMessage.Topic, now));
            }

            Received?.Invoke(e.ApplicationMessage.Topic, now);
            return Task.CompletedTask;
        };
    }

    /// <summary>Called on MQTTnet's thread for each message: topic and BenchClock ms.</summary>
    public Action<string, long> Received { get; set; }

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Every message so far (when recording), oldest first.</summary>
    public (string Topic, long Ms)[] Log => _log.ToArray();

    public static async Task<Subscriber> ConnectAsync(string host, int port, string filter, bool record = true)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var s = new Subscriber(client, record);
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId("bench-sub-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        await client.ConnectAsync(options).ConfigureAwait(false);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce))
            .Build()).ConfigureAwait(false);
        return s;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var cts = new CancellationTokenSource(2000);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
        }

        _client.Dispose();
    }
}
