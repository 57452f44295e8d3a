using System.Reflection;

[assembly: AssemblyTitle("NanoMqtt.Sensors")]
[assembly: AssemblyDescription("The sensor kinds NanoMqtt ships (BME280, SHT3x, BH1750) and the bridge for nanoFramework.IoT.Device bindings")]
[assembly: AssemblyProduct("NanoMqtt")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
