using System.Reflection;

[assembly: AssemblyTitle("NanoMqtt.Core.Tests.Messaging")]
[assembly: AssemblyProduct("NanoMqtt")]
[assembly: AssemblyVersion("0.1.0.0")]
