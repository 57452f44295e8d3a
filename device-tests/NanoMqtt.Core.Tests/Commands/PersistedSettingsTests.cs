using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Commands
{
    [TestClass]
    public class PersistedSettingsTests
    {
        [TestMethod]
        public void SettingsChangedByCommandAreReappliedAtBoot()
        {
            var store = new MemorySettingsStore();
            var f = new RouterFixture(RouterFixture.Wall, store, null);
            f.Send("device", "interval climate 45s");
            f.Send("device", "qos climate 2");

            // The next boot: a fresh schedule receives what was stored.
            var settings = new RecordingRuntimeSettings();
            int applied = DeviceCommands.ApplyAtBoot(store, settings, new string[] { "climate", "light" }, new string[] { "climate" });
            Assert.AreEqual(2, applied);
            Assert.AreEqual(45000L, settings.IntervalMs);
            Assert.AreEqual(2, settings.Qos);
        }

        [TestMethod]
        public void BadOrRefusedStoredValuesAreSkipped()
        {
            var store = new MemorySettingsStore();
            store.Write("interval.climate", "soon");
            store.Write("qos.climate", "7");
            store.Write("interval.light", "10s");
            var settings = new RecordingRuntimeSettings();
            Assert.AreEqual(1, DeviceCommands.ApplyAtBoot(store, settings, new string[] { "climate", "light", null }, new string[] { "climate" }));
            Assert.AreEqual("light", settings.Sensor);
            Assert.AreEqual(-1, settings.Qos);

            settings.Refusal = "gone";
            Assert.AreEqual(0, DeviceCommands.ApplyAtBoot(store, settings, new string[] { "light" }, null));
            Assert.AreEqual(0, DeviceCommands.ApplyAtBoot(null, settings, new string[] { "light" }, null));
        }

        [TestMethod]
        public void LoadsWhatItSaves()
        {
            var store = new MemorySettingsStore();
            var f = new RouterFixture(RouterFixture.Wall, store, null);
            f.Send("device", "interval climate 1500ms");
            f.Send("device", "qos climate 1");
            Assert.AreEqual("1500ms", store.Read("interval.climate"));
            Assert.AreEqual("1", store.Read("qos.climate"));

            var settings = new RecordingRuntimeSettings();
            Assert.AreEqual(2, DeviceCommands.ApplyAtBoot(store, settings, new string[] { "climate" }, new string[] { "climate", "other" }));
            Assert.AreEqual(1500L, settings.IntervalMs);
            Assert.AreEqual(1, settings.Qos);
            Assert.AreEqual("climate", settings.Stream);
        }
    }
}
