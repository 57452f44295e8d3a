// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package Iot.Device.Scd4x (assembly Iot.Device.Scd4x) as built from
// github.com/nanoframework/nanoFramework.IoT.Device at commit f4c5fce0736b729e2ba70b9de86e390b25c72c87, files
// devices/Scd4x/Scd4x.cs and Scd4xSensorData.cs (the repository versions each binding by build height, not by tag).
// Its packages.config there: nanoFramework.System.Device.I2c 1.1.16, nanoFramework.UnitsNet.* 5.76.10.
// Only what firmware/Examples calls. ReadData does not check the data's CRC bytes.
using System;
using System.Device.I2c;
using UnitsNet;

namespace Iot.Device.Scd4x
{
    public class Scd4x : IDisposable
    {
        public const byte I2cDefaultAddress = 0x62;

        public Scd4x(I2cDevice i2CDevice) { }

        public void Dispose() { }

        public void StartPeriodicMeasurement() { }

        public Scd4xSensorData ReadData() { throw null; }

        public void StopPeriodicMeasurement() { }

        public bool IsDataReady() { throw null; }
    }

    public sealed class Scd4xSensorData
    {
        internal Scd4xSensorData() { }

        public Temperature Temperature { get { throw null; } }

        public RelativeHumidity RelativeHumidity { get { throw null; } }

        public VolumeConcentration CO2 { get { throw null; } }
    }
}
