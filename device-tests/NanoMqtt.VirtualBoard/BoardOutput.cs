using NanoMqtt.Core.Hardware;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>A GPIO output: its level and how often it was written.</summary>
    internal sealed class BoardOutput : IDigitalOutput
    {
        public bool High { get; private set; }

        public int Writes { get; private set; }

        public void Write(bool high)
        {
            High = high;
            Writes++;
        }
    }
}
