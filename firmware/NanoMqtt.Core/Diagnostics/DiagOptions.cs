namespace NanoMqtt.Core.Diagnostics
{
    /// <summary>Settings of the <see cref="DiagPublisher"/>.</summary>
    public sealed class DiagOptions
    {
        /// <summary>Time between periodic diag messages while online; 0 sends only on connect and on demand.</summary>
        public long IntervalMs = 60000;

        /// <summary>Reported as "fw".</summary>
        public string FirmwareVersion = Device.FieldDevice.FirmwareVersion;

        /// <summary>
        /// QoS of the diag message. 1 by default: the one sent on connect carries the reset reason, which a
        /// lost QoS 0 message would hide until the next period.
        /// </summary>
        public const int Qos = 1;
    }
}
