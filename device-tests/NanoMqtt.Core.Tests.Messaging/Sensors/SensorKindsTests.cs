using NanoMqtt.Core.Config;
using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Sensors;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Sensors
{
    [TestClass]
    public class SensorKindsTests
    {
        private sealed class AnyKind : ISensorKind
        {
            public ISensor Create(SensorConfig config, IHardwareFactory hardware)
            {
                return ScriptedSensor.Single();
            }
        }

        [TestMethod]
        public void FindsWhatWasRegisteredAndNamesThemInOrder()
        {
            var kinds = new SensorKinds();
            var a = new AnyKind();
            Assert.IsNull(kinds.Register("ds18b20", a));
            Assert.IsNull(kinds.Register("scd4x", new AnyKind()));
            Assert.AreSame(a, kinds.Find("ds18b20"));
            Assert.IsNull(kinds.Find("bme680"));
            Assert.AreEqual("ds18b20, scd4x", kinds.Names());
            Assert.IsNull(kinds.Problem);
        }

        [TestMethod]
        public void RefusesATakenReservedOrBadNameAndKeepsTheFirstProblem()
        {
            var kinds = new SensorKinds();
            kinds.Register("ds18b20", new AnyKind());
            Assert.AreEqual("sensor type 'ds18b20' is taken or has no kind", kinds.Register("ds18b20", new AnyKind()));
            Assert.IsNotNull(kinds.Register("input", new AnyKind()));
            Assert.IsNotNull(kinds.Register("a/b", new AnyKind()));
            Assert.IsNotNull(kinds.Register("x", null));
            Assert.AreEqual("ds18b20", kinds.Names());
            Assert.AreEqual("sensor type 'ds18b20' is taken or has no kind", kinds.Problem);
        }
    }
}
