namespace NanoMqtt.NanoClr;

/// <summary>
/// device-tests/NanoMqtt.MqttSmoke on nanoCLR: the real M2Mqtt client against a broker (refused port, connect,
/// subscribe, publish, receive, disconnect), with the "smoke: " lines it printed.
/// </summary>
public static class MqttSmokeRun
{
    public static (NanoClrResult Result, string[] Assemblies) Run(NanoToolchain toolchain, string outDir, string host, int port, int closedPort,
        string clientId, string inTopic, string outTopic, TimeSpan timeout)
    {
        Directory.CreateDirectory(outDir);
        string target = Path.Combine(outDir, "SmokeTarget.g.cs");
        File.WriteAllText(target,
            "namespace NanoMqtt.MqttSmoke\n{\n    internal static class SmokeTarget\n    {\n" +
            $"        public const string Host = \"{host}\";\n        public const int Port = {port};\n        public const int ClosedPort = {closedPort};\n" +
            $"        public const string ClientId = \"{clientId}\";\n        public const string InTopic = \"{inTopic}\";\n        public const string OutTopic = \"{outTopic}\";\n" +
            "    }\n}\n");
        var build = new NanoBuild(toolchain, outDir);
        build.Build(Path.Combine(toolchain.RepoRoot, "device-tests", "NanoMqtt.MqttSmoke", "NanoMqtt.MqttSmoke.nfproj"), new[] { target });
        var result = NanoClrProcess.Run(toolchain, build.LoadList(NanoToolchain.NetLibraries), timeout);
        return (result, NanoToolchain.NetLibraries.Concat(build.Built.Select(a => a.Name)).ToArray());
    }
}
