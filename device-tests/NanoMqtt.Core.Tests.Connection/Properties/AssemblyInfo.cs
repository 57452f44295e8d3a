using System.Reflection;

[assembly: AssemblyTitle("NanoMqtt.Core.Tests.Connection")]
[assembly: AssemblyProduct("NanoMqtt")]
[assembly: AssemblyVersion("0.1.0.0")]
