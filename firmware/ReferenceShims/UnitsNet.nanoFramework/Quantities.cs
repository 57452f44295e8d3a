// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors packages nanoFramework.UnitsNet.Temperature, .RelativeHumidity and .VolumeConcentration 5.76.10 (what
// Iot.Device.Scd4x builds against; Iot.Device.Ds18b20's older UnitsNet.nanoFramework.Temperature declares the same
// members), read from github.com/angularsen/UnitsNet at commit 0ddfd57b6134f5a9cfb4e43ad684a31ca94b3d2e, files
// UnitsNet.NanoFramework/GeneratedCode/Quantities/Temperature.g.cs, RelativeHumidity.g.cs, VolumeConcentration.g.cs.
// Only the members firmware/Examples reads.
namespace UnitsNet
{
    public struct Temperature
    {
        public double DegreesCelsius { get { throw null; } }
    }

    public struct RelativeHumidity
    {
        public double Percent { get { throw null; } }
    }

    public struct VolumeConcentration
    {
        public double PartsPerMillion { get { throw null; } }
    }
}
