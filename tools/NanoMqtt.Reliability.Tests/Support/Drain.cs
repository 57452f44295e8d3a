using System.Diagnostics;

namespace NanoMqtt.Reliability.Tests.Support;

/// <summary>Brings a run to a countable end, and the command round trips the scenarios share.</summary>
public static class Drain
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Stops the devices' telemetry through their own command topic ("interval light 24h"), then waits
    /// until every outbox is empty and the subscriber has the last sequence number each device handed to
    /// its link. After this nothing more is produced, so "issued" and "received" can be compared.
    /// </summary>
    public static async Task QuiesceAsync(IReadOnlyList<RigDevice> devices, MqttProbe probe, string sensor = "light")
    {
        foreach (RigDevice d in devices)
        {
            await probe.PublishAsync(d.Topic("cmd/device"), "{\"id\":\"quiet-" + d.Id + "\",\"value\":\"interval " + sensor + " 24h\"}");
        }

        foreach (RigDevice d in devices)
        {
            await probe.WaitForAsync(m => m.Topic == d.Topic("cmd/device/result") && m.Text.Contains("\"id\":\"quiet-" + d.Id + "\"", StringComparison.Ordinal)
                && m.Text.Contains("\"ok\":true", StringComparison.Ordinal), Long, "the interval answer of " + d.Id);
        }

        // A conversion that began before the answer may still publish one reading (the BH1750 takes 180 ms).
        var since = Stopwatch.StartNew();
        string telemetry(RigDevice d) => d.Topic("telemetry/" + sensor);
        await Eventually.Until(
            () =>
            {
                if (since.ElapsedMilliseconds < 600 || devices.Any(d => d.Supervisor.Outbox.Count != 0))
                {
                    return false;
                }

                TelemetryLedger seen = TelemetryLedger.Of(probe.Messages);
                return devices.All(d => seen.MaxSeen(telemetry(d)) == d.Link.MaxSeq(telemetry(d)));
            },
            Long, "every outbox empty and its last reading received",
            () => string.Join("; ", devices.Select(d => d.Id + ": outbox " + d.Supervisor.Outbox.Count + ", sent up to " + d.Link.MaxSeq(telemetry(d))
                + ", seen up to " + TelemetryLedger.Of(probe.Messages).MaxSeen(telemetry(d)) + ", " + d.Supervisor.State)));
    }

    /// <summary>How many times the subscriber saw this text on the device's status topic.</summary>
    public static int StatusCount(MqttProbe probe, RigDevice d, string text) => probe.On(d.Topic("status")).Count(m => m.Text == text);
}
