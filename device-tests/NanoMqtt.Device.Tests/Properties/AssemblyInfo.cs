using System.Reflection;

[assembly: AssemblyTitle("NanoMqtt.Device.Tests")]
[assembly: AssemblyDescription("Hardware-in-the-loop tests for a board wired as the NanoMqtt reference build")]
[assembly: AssemblyProduct("NanoMqtt")]
[assembly: AssemblyVersion("0.1.0.0")]
