namespace NanoMqtt.Core.Hardware
{
    /// <summary>A GPIO output driving a relay module, a LED or a valve driver.</summary>
    public interface IDigitalOutput
    {
        /// <summary>Drives the pin. An active-low relay module is handled by the actuator, not here.</summary>
        void Write(bool high);
    }
}
