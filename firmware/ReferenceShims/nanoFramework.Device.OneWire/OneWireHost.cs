// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package nanoFramework.Device.OneWire (assembly nanoFramework.Device.OneWire), read from
// github.com/nanoframework/nanoFramework.Device.OneWire at commit 7c40eb1f9019bc312d667721524794d1b9b86ed8, file
// nanoFramework.Device.OneWire/OneWireHost.cs (Iot.Device.Ds18b20 builds against 1.4.22). Only one instance may
// exist at a time: a second constructor call throws InvalidOperationException.
using System;

namespace nanoFramework.Device.OneWire
{
    public class OneWireHost : IDisposable
    {
        public OneWireHost() { }

        public bool TouchReset() { throw null; }

        public void Dispose() { }
    }
}
