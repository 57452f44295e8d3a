using NanoMqtt.Core.Platform;

namespace NanoMqtt.Testing;

/// <summary>
/// The core's <see cref="IClock"/> as the test sets it: <see cref="NowMs"/> is the monotonic time,
/// <see cref="UnixSeconds"/> the wall time (0 = not known yet, as before SNTP). Nothing moves on its own.
/// </summary>
public sealed class FakeClock : IClock
{
    public long NowMs { get; set; }

    public long UnixSeconds { get; set; }
}
