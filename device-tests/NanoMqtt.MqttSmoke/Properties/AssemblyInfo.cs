using System.Reflection;

[assembly: AssemblyTitle("NanoMqtt.MqttSmoke")]
[assembly: AssemblyDescription("The real M2Mqtt client on nanoCLR against a broker: connect, subscribe, publish, receive")]
[assembly: AssemblyProduct("NanoMqtt")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
