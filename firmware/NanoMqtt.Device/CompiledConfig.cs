namespace NanoMqtt.Device
{
    /// <summary>
    /// The settings compiled into the firmware. The text itself is generated at build time by
    /// CompiledConfig.targets from the repo root's nf.config and nf.secrets into obj\...\CompiledConfig.g.cs
    /// (never committed: nf.secrets stays out of git). This half only says what the generated half holds.
    /// </summary>
    internal static partial class CompiledConfig
    {
        /// <summary>True when the build found an nf.secrets file to compile in.</summary>
        public static bool HasSecrets
        {
            get { return Secrets.Length > 0; }
        }
    }
}
