using System.Reflection;

[assembly: AssemblyTitle("NanoMqtt.VirtualBoard")]
[assembly: AssemblyDescription("A simulated day of the NanoMqtt field device on nanoCLR, with heap figures")]
[assembly: AssemblyProduct("NanoMqtt")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
