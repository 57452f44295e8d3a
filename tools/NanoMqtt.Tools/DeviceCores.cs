using NanoMqtt.Simulation;

namespace NanoMqtt.Tools;

/// <summary>
/// The device logic that `simulate` and `demo` run: the core's FieldDevice, the code that runs on the
/// board. <see cref="StandInCore"/> stays available for tests that only need a command responder.
/// </summary>
public static class DeviceCores
{
    public static DeviceCoreFactory Default { get; set; } = FieldDeviceCore.Create;

    /// <summary>Shown in the live views and the --json summary.</summary>
    public static string Name { get; set; } = "FieldDevice " + NanoMqtt.Core.Device.FirmwareInfo.Version;
}
