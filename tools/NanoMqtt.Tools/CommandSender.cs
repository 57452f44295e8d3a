using System.Globalization;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace NanoMqtt.Tools;

public enum CommandOutcome
{
    Ok,
    Error,
    Timeout
}

/// <summary>What came back for a command.</summary>
public sealed class CommandReply
{
    public CommandOutcome Outcome;
    public string Id;
    public string Payload;
    public string Code;
    public string Reason;
    public string State;
    public TimeSpan Elapsed;
}

/// <summary>
/// Sends one command as the topic scheme says (JSON {"id","value","expires"} on {prefix}/{id}/cmd/{actuator})
/// and waits for the answer carrying its id on {prefix}/{id}/cmd/{actuator}/result.
/// </summary>
public static class CommandSender
{
    public static string NewId() => Guid.NewGuid().ToString("N")[..12];

    public static byte[] Payload(string id, string value, long expiresUnix)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && !double.IsNaN(number) && !double.IsInfinity(number))
            {
                w.WriteNumber("value", number);
            }
            else
            {
                w.WriteString("value", value);
            }

            if (expiresUnix > 0)
            {
                w.WriteNumber("expires", expiresUnix);
            }

            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static async Task<CommandReply> SendAsync(IMqttClient client, string prefix, string device, string actuator, string value,
        TimeSpan timeout, TimeSpan expires, CancellationToken ct, string id = null)
    {
        id ??= NewId();
        string commandTopic = prefix + "/" + device + "/cmd/" + actuator;
        string resultTopic = commandTopic + "/result";
        var answer = new TaskCompletionSource<CommandReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<MqttApplicationMessageReceivedEventArgs, Task> handler = e =>
        {
            if (e.ApplicationMessage.Topic == resultTopic)
            {
                CommandReply reply = Parse(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
                if (reply.Id == null || reply.Id == id)
                {
                    answer.TrySetResult(reply);
                }
            }

            return Task.CompletedTask;
        };

        client.ApplicationMessageReceivedAsync += handler;
        try
        {
            // Subscribe first, so an answer cannot slip past before we listen.
            await client.SubscribeAsync(resultTopic, MqttQualityOfServiceLevel.AtLeastOnce, ct).ConfigureAwait(false);
            long expiresUnix = expires > TimeSpan.Zero ? DateTimeOffset.UtcNow.Add(expires).ToUnixTimeSeconds() : 0;
            var started = System.Diagnostics.Stopwatch.StartNew();
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(commandTopic)
                .WithPayload(Payload(id, value, expiresUnix))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            await client.PublishAsync(message, ct).ConfigureAwait(false);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(timeout);
            try
            {
                CommandReply reply = await answer.Task.WaitAsync(wait.Token).ConfigureAwait(false);
                reply.Elapsed = started.Elapsed;
                reply.Id ??= id;
                return reply;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return new CommandReply { Outcome = CommandOutcome.Timeout, Id = id, Elapsed = started.Elapsed };
            }
        }
        finally
        {
            client.ApplicationMessageReceivedAsync -= handler;
        }
    }

    /// <summary>
    /// Reads an answer: `ok`, or JSON with "ok" true/false (or "status"/"result" = "ok"), an "id", and on
    /// error a "code" and a "reason". Anything else is an error that is shown as it came.
    /// </summary>
    public static CommandReply Parse(string payload)
    {
        var reply = new CommandReply { Payload = payload, Outcome = CommandOutcome.Error };
        string text = payload.Trim();
        if (text.Equals("ok", StringComparison.OrdinalIgnoreCase))
        {
            reply.Outcome = CommandOutcome.Ok;
            return reply;
        }

        if (!text.StartsWith('{'))
        {
            reply.Reason = text;
            return reply;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            JsonElement root = doc.RootElement;
            reply.Id = Text(root, "id");
            reply.Code = Text(root, "code") ?? Text(root, "error");
            reply.Reason = Text(root, "reason") ?? Text(root, "msg") ?? Text(root, "message");
            reply.State = Text(root, "state");
            bool ok = root.TryGetProperty("ok", out JsonElement okValue) && okValue.ValueKind == JsonValueKind.True;
            ok |= string.Equals(Text(root, "status"), "ok", StringComparison.OrdinalIgnoreCase) || string.Equals(Text(root, "result"), "ok", StringComparison.OrdinalIgnoreCase);
            reply.Outcome = ok ? CommandOutcome.Ok : CommandOutcome.Error;
        }
        catch (JsonException)
        {
            reply.Reason = text;
        }

        return reply;
    }

    private static string Text(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out JsonElement v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => null,
            _ => v.GetRawText()
        };
    }
}
