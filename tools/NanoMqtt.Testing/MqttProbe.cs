using System.Buffers;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace NanoMqtt.Testing;

/// <summary>One message the probe received.</summary>
public sealed record ProbeMessage(string Topic, byte[] Payload, bool Retain, int Qos, DateTime ReceivedUtc)
{
    public string Text => Encoding.UTF8.GetString(Payload);
}

/// <summary>
/// An independent MQTT client that connects straight to the broker and records everything it receives,
/// with awaitable conditions (no sleeps): the "subscriber" of the integration tests and the fault suite.
/// </summary>
public sealed class MqttProbe : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly List<ProbeMessage> _messages = new List<ProbeMessage>();
    private readonly object _gate = new object();
    private TaskCompletionSource _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    private MqttProbe(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            MqttApplicationMessage m = e.ApplicationMessage;
            var message = new ProbeMessage(m.Topic, m.Payload.ToArray(), m.Retain, (int)m.QualityOfServiceLevel, DateTime.UtcNow);
            TaskCompletionSource changed;
            lock (_gate)
            {
                _messages.Add(message);
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    public IMqttClient Client => _client;

    /// <summary>Connects; with cleanSession false and a fixed clientId the broker keeps the probe's subscriptions and queues for it while it is away.</summary>
    public static async Task<MqttProbe> ConnectAsync(string host, int port, string user = null, string password = null, string clientId = null, bool v5 = false, bool cleanSession = true)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var probe = new MqttProbe(client);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId ?? "probe-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithCleanSession(cleanSession)
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (user != null)
        {
            options.WithCredentials(user, password);
        }

        MqttClientConnectResult result = await client.ConnectAsync(options.Build()).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new InvalidOperationException("probe could not connect: " + result.ResultCode);
        }

        return probe;
    }

    public async Task SubscribeAsync(string filter, int qos = 1)
    {
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos))
            .Build()).ConfigureAwait(false);
    }

    public Task PublishAsync(string topic, string payload, int qos = 1, bool retain = false)
    {
        return _client.PublishStringAsync(topic, payload, (MqttQualityOfServiceLevel)qos, retain);
    }

    public IReadOnlyList<ProbeMessage> Messages
    {
        get { lock (_gate) { return _messages.ToArray(); } }
    }

    public IReadOnlyList<ProbeMessage> On(string topic) => Messages.Where(m => m.Topic == topic).ToArray();

    /// <summary>Waits until a received message matches; throws a TimeoutException naming what was seen.</summary>
    public async Task<ProbeMessage> WaitForAsync(Func<ProbeMessage, bool> match, TimeSpan timeout, string what = null)
    {
        ProbeMessage found = null;
        await WaitUntilAsync(list => (found = list.FirstOrDefault(match)) != null, timeout, what).ConfigureAwait(false);
        return found;
    }

    public Task<ProbeMessage> WaitForAsync(string topic, string text, TimeSpan timeout)
    {
        return WaitForAsync(m => m.Topic == topic && m.Text == text, timeout, "'" + text + "' on " + topic);
    }

    /// <summary>Waits until the condition holds over everything received so far.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<ProbeMessage>, bool> condition, TimeSpan timeout, string what = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(_messages))
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                string seen = string.Join("; ", Messages.TakeLast(10).Select(m => m.Topic + "=" + m.Text));
                throw new TimeoutException("Timed out after " + timeout.TotalSeconds + " s waiting for " + (what ?? "a condition") + ". Last seen: " + seen);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _messages.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync().ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
        }

        _client.Dispose();
    }
}
