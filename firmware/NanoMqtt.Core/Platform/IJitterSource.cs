namespace NanoMqtt.Core.Platform
{
    /// <summary>
    /// Randomness for backoff jitter. Injected so that a test can replay an exact sequence of attempts.
    /// </summary>
    public interface IJitterSource
    {
        /// <summary>A value in [0, maxExclusive); 0 when maxExclusive is 0 or less.</summary>
        int Next(int maxExclusive);
    }
}
