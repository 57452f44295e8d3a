using System;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Device.Platform
{
    /// <summary>
    /// Backoff jitter over System.Random. Program seeds it from the device id (unique in the fleet) and the
    /// boot tick count, so devices that lose the broker together do not retry in step.
    /// </summary>
    internal sealed class RandomJitter : IJitterSource
    {
        private readonly Random _random;

        public RandomJitter(int seed)
        {
            _random = new Random(seed);
        }

        public int Next(int maxExclusive)
        {
            return maxExclusive <= 0 ? 0 : _random.Next(maxExclusive);
        }
    }
}
