namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>
    /// The nf.config text the device tests start from: device dev1 and one broker. A test appends only the
    /// sections it is about, so the parser reads the same base everywhere.
    /// </summary>
    public static class TestConfig
    {
        public const string Device = "[device]\nid = dev1\n[mqtt]\nbrokers = broker:1883\n";
    }
}
