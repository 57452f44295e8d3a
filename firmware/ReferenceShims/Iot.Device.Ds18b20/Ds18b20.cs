// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package Iot.Device.Ds18b20 (assembly Iot.Device.Ds18b20) as built from
// github.com/nanoframework/nanoFramework.IoT.Device at commit c5d1afe2d86eed3a6a49b71b34c888f0c884ae11, files
// devices/Ds18b20/Ds18b20.cs and TemperatureResolution.cs (the repository versions each binding by build height, not
// by tag: take the newest Iot.Device.Ds18b20 on NuGet, which has TryReadTemperature). Only what firmware/Examples calls.
using nanoFramework.Device.OneWire;
using UnitsNet;

namespace Iot.Device.Ds18b20
{
    public class Ds18b20
    {
        public Ds18b20(OneWireHost oneWireHost, byte[] deviceAddress = null, bool manyDevicesConnected = false, TemperatureResolution temperatureResolution = TemperatureResolution.VeryHigh) { }

        public byte[] Address { get { throw null; } set { } }

        public bool Initialize() { throw null; }

        public bool TryReadTemperature(out Temperature temperature) { throw null; }
    }

    public enum TemperatureResolution : byte
    {
        VeryLow = 0x00,
        Low = 0x01,
        High = 0x02,
        VeryHigh = 0x03,
    }
}
