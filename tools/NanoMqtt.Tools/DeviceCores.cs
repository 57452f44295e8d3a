using NanoMqtt.Simulation;

namespace NanoMqtt.Tools;

/// <summary>The device logic that `simulate` and `demo` run: the core's FieldDevice, the code that runs on the board.</summary>
public static class DeviceCores
{
    public static readonly DeviceCoreFactory Default = FieldDeviceCore.Create;

    /// <summary>Shown in the live views and the --json summary.</summary>
    public static readonly string Name = "FieldDevice " + NanoMqtt.Core.Device.FieldDevice.FirmwareVersion;
}
