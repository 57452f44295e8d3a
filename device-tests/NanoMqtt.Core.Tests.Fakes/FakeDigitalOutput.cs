using NanoMqtt.Core.Hardware;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>A GPIO output that remembers the level and counts the writes.</summary>
    public sealed class FakeDigitalOutput : IDigitalOutput
    {
        public bool High;
        public int Writes;

        public void Write(bool high)
        {
            High = high;
            Writes++;
        }
    }
}
