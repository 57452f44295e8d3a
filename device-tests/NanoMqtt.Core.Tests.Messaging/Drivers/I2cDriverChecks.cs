using NanoMqtt.Core.Hardware;
using NanoMqtt.Core.Sensors;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Drivers
{
    /// <summary>
    /// Behaviour every I2C driver owes the sensor schedule in the same words, checked in one place so the
    /// drivers cannot drift apart in how they report a fault.
    /// </summary>
    internal static class I2cDriverChecks
    {
        /// <summary>
        /// No chip fitted: every transfer NACKs at the address. The first Start must say NoAck and name the
        /// address (detail, e.g. "no ACK at 0x44"), so the error topic tells which part is missing.
        /// </summary>
        public static void AbsentChipIsNoAck(ISensor sensor, FakeI2cBus bus, string detail)
        {
            bus.FailWith = I2cResult.AddressNack;
            int wait;

            Assert.AreEqual((int)SensorStatus.NoAck, (int)sensor.Start(out wait));
            Assert.AreEqual(detail, sensor.FaultDetail);
        }

        /// <summary>
        /// A transfer fails during Collect: Collect says which failure (status) and names the address (detail,
        /// e.g. "bus timeout at 0x44"). The sensor is left started, for the test to check the next sample.
        /// </summary>
        public static void FailedCollectIsReported(ISensor sensor, FakeI2cBus bus, long[] readings, I2cResult failure, SensorStatus status, string detail)
        {
            int wait;
            sensor.Start(out wait);
            bus.FailNext(1, failure);

            Assert.AreEqual((int)status, (int)sensor.Collect(readings));
            Assert.AreEqual(detail, sensor.FaultDetail);
        }
    }
}
