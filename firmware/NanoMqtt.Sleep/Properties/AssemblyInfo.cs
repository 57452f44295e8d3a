using System.Reflection;

[assembly: AssemblyTitle("NanoMqtt.Sleep")]
[assembly: AssemblyDescription("Deep sleep for a battery board ([power] mode = sleep): the wake cycle and the readings kept through the sleep")]
[assembly: AssemblyProduct("NanoMqtt")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
