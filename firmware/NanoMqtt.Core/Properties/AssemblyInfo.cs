using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("NanoMqtt.Core")]
[assembly: AssemblyProduct("NanoMqtt")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: InternalsVisibleTo("NanoMqtt.Core.Tests")]
