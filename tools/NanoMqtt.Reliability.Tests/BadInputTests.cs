using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace NanoMqtt.Reliability.Tests;

/// <summary>
/// Scenario 9: 10,000+ bad command payloads through the real broker to one device, which answers each
/// with an error, keeps publishing its telemetry, and whose managed heap stays within a bound.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output)
{
    private const int Count = 30_000;
    private const int WarmUp = 1_000;
    private const int Window = 50;

    /// <summary>
    /// Heap growth allowed between the end of the warm-up and the end, after forced full collections:
    /// 512 KiB over 29,000 commands, under 19 bytes a command. Keeping anything per command (the smallest
    /// object is 24 bytes; an inbound LinkEvent is 72, its payload array 24 + its length) would break it.
    /// </summary>
    private const long HeapBoundBytes = 512 * 1024;

    [Fact]
    public async Task Every_bad_command_gets_an_error_answer_telemetry_goes_on_and_the_heap_stays_flat()
    {
        using var broker = MosquittoBroker.Start();
        var config = new RigConfig { Port = broker.Port, Interval = "200ms", DiagInterval = "60s" };
        await using var rig = new Rig();
        RigDevice d = rig.Add("fuzz01", config, seed: 900);

        await using FuzzClient client = await FuzzClient.ConnectAsync(broker.Host, broker.Port, d, Window);
        rig.Start();
        await Eventually.Until(() => d.IsOnline, Drain.Long, "the device online");
        await client.WaitForTelemetryAsync(3, Drain.Long);

        var generator = new BadCommands(seed: 20251125);
        var kinds = new Dictionary<string, int>();
        long heapBase = 0;
        var samples = new List<(int Sent, long Heap)>();
        long telemetryAtStart = 0;
        var flood = Stopwatch.StartNew();
        for (int i = 0; i < Count; i++)
        {
            if (i == WarmUp)
            {
                await client.WaitForAnswersAsync(i, Drain.Long);
                heapBase = Heap();
                samples.Add((i, heapBase));
                telemetryAtStart = client.TelemetryReceived;
                flood.Restart();
            }
            else if (i > WarmUp && i % 7250 == 0)
            {
                await client.WaitForAnswersAsync(i, Drain.Long);
                samples.Add((i, Heap()));
            }

            BadCommand c = generator.Next(i);
            kinds[c.Kind] = kinds.TryGetValue(c.Kind, out int k) ? k + 1 : 1;
            await client.SendAsync(d.Topic("cmd/" + c.Target), c.Payload);
        }

        await client.WaitForAnswersAsync(Count, Drain.Long);
        double floodSeconds = flood.Elapsed.TotalSeconds;
        long telemetryDuring = client.TelemetryReceived - telemetryAtStart;
        long heapEnd = Heap();
        samples.Add((Count, heapEnd));
        long growth = heapEnd - heapBase;
        await client.WaitForTelemetryAsync(client.TelemetryReceived + 2, Drain.Long);
        (long gaps, long first, long last) = client.TelemetryGaps();

        Figures.Report(output, new FigureRow
        {
            Scenario = "9. Bad input (1 device, " + Count.ToString("N0") + " commands)",
            Faults = string.Join(", ", kinds.OrderBy(p => p.Key).Select(p => p.Key + " " + p.Value)),
            Sent = Count.ToString("N0") + " commands in " + floodSeconds.ToString("0.0") + " s after warm-up; " + telemetryDuring + " readings meanwhile",
            Lost = client.Answers == Count ? "0 answers missing, 0 readings missing (seq " + first + "-" + last + ", " + gaps + " gaps)" : (Count - client.Answers) + " answers missing",
            Duplicated = "-",
            Recovery = "-",
            Notes = "answers: " + client.OkAnswers + " ok, " + string.Join(", ", client.Codes.OrderByDescending(p => p.Value).Select(p => p.Key + " " + p.Value))
                + "; heap after forced GC " + string.Join(" -> ", samples.Select(s => (s.Heap / 1024) + " KiB@" + s.Sent)) + ", growth " + (growth / 1024) + " KiB (bound " + HeapBoundBytes / 1024 + " KiB)"
        });

        Assert.Equal(Count, client.Answers);
        Assert.Equal(0, client.OkAnswers);
        Assert.Equal(Count, d.Device.Commands.Received);
        Assert.Equal(Count, d.Device.Commands.Refused);
        Assert.Equal(0, d.Device.Commands.Applied);
        Assert.Equal(0, gaps);
        // 5 readings a second were due; a device that stalled under the flood would fall far behind.
        Assert.True(telemetryDuring >= floodSeconds * 5 * 0.6, telemetryDuring + " readings in " + floodSeconds.ToString("0.0") + " s");
        Assert.True(d.IsOnline && d.Supervisor.Stats.Reconnects == 0, "the flood must not cost the session");
        Assert.True(growth < HeapBoundBytes, "heap grew by " + growth + " bytes");
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// Sends the commands and counts the answers and readings without keeping them, so that its own memory
    /// does not grow with the run and the heap figure is the device's.
    /// </summary>
    private sealed class FuzzClient : IAsyncDisposable
    {
        private readonly IMqttClient _client;
        private readonly SemaphoreSlim _window;
        private readonly string _resultPrefix;
        private readonly string _telemetry;
        private readonly HashSet<long> _seqs = new HashSet<long>();
        private long _answers;
        private long _ok;
        private long _telemetryReceived;

        private FuzzClient(IMqttClient client, RigDevice device, int window)
        {
            _client = client;
            _window = new SemaphoreSlim(window);
            _resultPrefix = device.Topic("cmd/");
            _telemetry = device.Topic("telemetry/light");
            client.ApplicationMessageReceivedAsync += e =>
            {
                string topic = e.ApplicationMessage.Topic;
                byte[] payload = e.ApplicationMessage.Payload.ToArray();
                if (topic == _telemetry)
                {
                    lock (_seqs)
                    {
                        _seqs.Add(TelemetryLedger.SeqOf(payload));
                    }

                    Interlocked.Increment(ref _telemetryReceived);
                }
                else if (topic.StartsWith(_resultPrefix, StringComparison.Ordinal) && topic.EndsWith("/result", StringComparison.Ordinal))
                {
                    string text = Encoding.UTF8.GetString(payload);
                    if (text.Contains("\"ok\":true", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref _ok);
                    }

                    int at = text.IndexOf("\"code\":\"", StringComparison.Ordinal);
                    string code = at < 0 ? "(none)" : text.Substring(at + 8, text.IndexOf('"', at + 8) - at - 8);
                    Codes.AddOrUpdate(code, 1, (_, n) => n + 1);
                    Interlocked.Increment(ref _answers);
                    _window.Release();
                }

                return Task.CompletedTask;
            };
        }

        public ConcurrentDictionary<string, int> Codes { get; } = new ConcurrentDictionary<string, int>();
        public long Answers => Interlocked.Read(ref _answers);
        public long OkAnswers => Interlocked.Read(ref _ok);
        public long TelemetryReceived => Interlocked.Read(ref _telemetryReceived);

        public static async Task<FuzzClient> ConnectAsync(string host, int port, RigDevice device, int window)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            var fuzz = new FuzzClient(client, device, window);
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("fuzzer").WithCleanSession(true).Build());
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(device.Topic("cmd/+/result")).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .WithTopicFilter(f => f.WithTopic(device.Topic("telemetry/+")).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .Build());
            return fuzz;
        }

        /// <summary>Publishes at QoS 1 once fewer than the window's commands are unanswered.</summary>
        public async Task SendAsync(string topic, byte[] payload)
        {
            if (!await _window.WaitAsync(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("no answer for 30 s with " + Answers + " answers so far");
            }

            await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        public Task WaitForAnswersAsync(long count, TimeSpan timeout) =>
            Eventually.Until(() => Answers >= count, timeout, count + " answers", () => Answers + " answers");

        public Task WaitForTelemetryAsync(long count, TimeSpan timeout) =>
            Eventually.Until(() => TelemetryReceived >= count, timeout, count + " readings", () => TelemetryReceived + " readings");

        /// <summary>Missing sequence numbers between the first and the last reading received.</summary>
        public (long Gaps, long First, long Last) TelemetryGaps()
        {
            lock (_seqs)
            {
                long first = _seqs.Min();
                long last = _seqs.Max();
                return (last - first + 1 - _seqs.Count, first, last);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (Exception)
            {
            }

            _client.Dispose();
        }
    }
}
