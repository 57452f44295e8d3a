using System.Diagnostics;

namespace NanoMqtt.Reliability.Tests.Support;

/// <summary>Awaits a condition over state that has no event of its own (a device's counters), with a timeout.</summary>
public static class Eventually
{
    /// <summary>Polls every 20 ms; on timeout throws with what was awaited and the state described.</summary>
    public static async Task<TimeSpan> Until(Func<bool> condition, TimeSpan timeout, string what, Func<string> state = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException("Timed out after " + timeout.TotalSeconds + " s waiting for " + what + (state == null ? "" : ". State: " + state()));
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return watch.Elapsed;
    }
}
