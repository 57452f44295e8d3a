using System.Reflection;

[assembly: AssemblyTitle("NanoMqtt.Device")]
[assembly: AssemblyDescription("NanoMqtt field-device firmware for ESP32 (.NET nanoFramework)")]
[assembly: AssemblyProduct("NanoMqtt")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
