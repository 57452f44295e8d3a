using System.Reflection;

[assembly: AssemblyTitle("NanoMqtt.NetBoard")]
[assembly: AssemblyDescription("The networked virtual board: the device shell's M2MqttLink and the core's FieldDevice on nanoCLR, against a real broker")]
[assembly: AssemblyProduct("NanoMqtt")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
