namespace NanoMqtt.Core.Device
{
    public static class FirmwareInfo
    {
        /// <summary>Reported in diag as "fw". Keep in step with Properties/AssemblyInfo.cs.</summary>
        public const string Version = "0.1.0";
    }
}
