using System.Reflection;

[assembly: AssemblyTitle("NanoMqtt.HomeAssistant")]
[assembly: AssemblyDescription("Home Assistant MQTT discovery ([homeassistant] discovery = true): the retained configs that announce the device")]
[assembly: AssemblyProduct("NanoMqtt")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
