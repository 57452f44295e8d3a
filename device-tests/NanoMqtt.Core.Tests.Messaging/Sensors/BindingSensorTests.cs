using NanoMqtt.Core.Sensors;
using NanoMqtt.Sensors.Bindings;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Sensors
{
    /// <summary>
    /// The bridge between a blocking nanoFramework.IoT.Device binding and the step loop, on the fake clock:
    /// the read runs on a worker the test drives, and the schedule collects it or reports why not.
    /// </summary>
    [TestClass]
    public class BindingSensorTests
    {
        private const int ReadMs = 500;

        private static BindingSensor Binding(ManualBindingHost host, ScriptedReader reader, int staleAfter)
        {
            return new BindingSensor(new BindingChannel[]
            {
                new BindingChannel("co2", "ppm", 0, "carbon_dioxide"),
                new BindingChannel("temperature", "C", 2, "temperature")
            }, reader, host, ReadMs, staleAfter);
        }

        private static SensorOptions Every(string name, int intervalMs)
        {
            var o = new SensorOptions(name);
            o.IntervalMs = intervalMs;
            return o;
        }

        [TestMethod]
        public void AReadTheWorkerFinishesInTimeIsPublishedScaledAndRounded()
        {
            var f = new ScheduleFixture();
            var host = new ManualBindingHost();
            var reader = new ScriptedReader(612.4, 21.456);
            BindingSensor sensor = Binding(host, reader, 0);
            Assert.IsNull(f.Schedule.Add(sensor, Every("air", 10000)));

            Assert.AreEqual((long)ReadMs, f.Schedule.Step(0), "collects once the read's time is up");
            Assert.AreEqual(1, host.Wakes);
            host.Mailbox.RunPending();
            f.Schedule.Step(ReadMs);

            Assert.AreEqual("{\"co2\":612,\"temperature\":21.46,\"seq\":1}", f.LastPayload("air"));
            Assert.AreEqual(0, f.Errors);
            Assert.AreEqual("carbon_dioxide", sensor.DeviceClass(0));
            Assert.AreEqual("ppm", sensor.Unit(0));
        }

        [TestMethod]
        public void ABindingThatThrowsIsReportedWithItsMessageAndRecovers()
        {
            var f = new ScheduleFixture();
            var host = new ManualBindingHost();
            var reader = new ScriptedReader(500, 20);
            reader.Throw = "CRC mismatch";
            f.Schedule.Add(Binding(host, reader, 0), Every("air", 1000));

            f.Schedule.Step(0);
            host.Mailbox.RunPending();
            f.Schedule.Step(ReadMs);
            Assert.AreEqual(1, f.Errors);
            Assert.Contains("air: binding threw: CRC mismatch", f.LastError);
            Assert.IsTrue(f.IsFaulted("air"));

            reader.Throw = null;
            f.Schedule.Step(1000);
            host.Mailbox.RunPending();
            f.Schedule.Step(1000 + ReadMs);
            Assert.IsFalse(f.IsFaulted("air"));
            Assert.Contains("sensor_recovered", f.LastError);
            Assert.AreEqual(1, f.Telemetry("air"));
        }

        [TestMethod]
        public void NoFreshValueAndNotANumberAreFaultsNotReadings()
        {
            var f = new ScheduleFixture();
            var host = new ManualBindingHost();
            var reader = new ScriptedReader(500, 20);
            reader.Fresh = false;
            f.Schedule.Add(Binding(host, reader, 0), Every("air", 1000));

            f.Schedule.Step(0);
            host.Mailbox.RunPending();
            f.Schedule.Step(ReadMs);
            Assert.Contains("air: binding has no fresh value", f.LastError);

            reader.Fresh = true;
            reader.Values = new double[] { double.NaN, 20 };
            f.Options.FaultAfterFailures = 1;
            f.Schedule.Step(1000);
            host.Mailbox.RunPending();
            f.Schedule.Step(1000 + ReadMs);
            Assert.AreEqual(0, f.Telemetry("air"));
            Assert.IsTrue(f.IsFaulted("air"));
        }

        [TestMethod]
        public void ABindingRepeatingAStaleValueIsCaught()
        {
            var f = new ScheduleFixture();
            var host = new ManualBindingHost();
            var reader = new ScriptedReader(700, 22.5);
            f.Schedule.Add(Binding(host, reader, 3), Every("air", 1000));

            for (int i = 0; i < 3; i++)
            {
                f.Schedule.Step(i * 1000);
                host.Mailbox.RunPending();
                f.Schedule.Step(i * 1000 + ReadMs);
            }

            Assert.IsTrue(f.IsFaulted("air"));
            Assert.Contains("air: stale: the same reading 3 times in a row", f.LastError);

            reader.Values = new double[] { 701, 22.5 };
            f.Schedule.Step(3000);
            host.Mailbox.RunPending();
            f.Schedule.Step(3000 + ReadMs);
            Assert.IsFalse(f.IsFaulted("air"));
        }

        [TestMethod]
        public void AHungBindingCostsTheOtherStreamsNothingAndIsReportedWithinItsTimeout()
        {
            var f = new ScheduleFixture();
            var host = new ManualBindingHost();
            var reader = new ScriptedReader(600, 21);
            f.Schedule.Add(Binding(host, reader, 0), Every("stuck", 1000));
            var other = ScriptedSensor.Single();
            other.Set(2000);
            f.Schedule.Add(other, Every("other", 1000));

            // The worker takes the first read and never returns from it.
            long now = 0;
            long reportedAt = -1;
            int otherSampledOnTime = 0;
            while (now <= 10000)
            {
                int before = other.Starts;
                long next = f.Schedule.Step(now);
                if (host.Mailbox.BeginRead())
                {
                    Assert.AreEqual(0L, now, "only the first request reaches the worker");
                }

                if (other.Starts > before)
                {
                    Assert.AreEqual(0L, now % 1000, "the other stream samples on its interval");
                    otherSampledOnTime++;
                }

                if (reportedAt < 0 && f.Errors > 0)
                {
                    reportedAt = now;
                }

                Assert.IsTrue(next > now && next <= now + 1000, "the loop is asked back within the interval, never held");
                now = next;
            }

            Assert.AreEqual(11, otherSampledOnTime, "the other stream sampled at 0, 1000, ... 10000 ms");
            Assert.AreEqual((long)ReadMs, reportedAt, "reported when its read time ran out");
            Assert.Contains("stuck: binding did not return within 500 ms", f.LastError);
            Assert.AreEqual(1, f.Errors, "one report for the whole fault");
            Assert.AreEqual(1, host.Wakes, "no read is stacked behind the hung one");
            Assert.AreEqual(1, host.Workers, "one worker for the binding's life");
            Assert.AreEqual(0, f.Telemetry("stuck"));

            // The read finally returns: its late value is dropped and the next sample reads afresh.
            host.Mailbox.EndRead(true, null);
            f.Schedule.Step(11000);
            Assert.AreEqual(2, host.Wakes);
            reader.Values = new double[] { 650, 21.5 };
            host.Mailbox.RunPending();
            f.Schedule.Step(11000 + ReadMs);
            Assert.AreEqual("{\"co2\":650,\"temperature\":21.50,\"seq\":1}", f.LastPayload("stuck"));
            Assert.IsFalse(f.IsFaulted("stuck"));
        }

        [TestMethod]
        public void AWorkerThatNeverStartsTheReadTimesOutAndIsAskedAgain()
        {
            var f = new ScheduleFixture();
            var host = new ManualBindingHost();
            var reader = new ScriptedReader(600, 21);
            f.Schedule.Add(Binding(host, reader, 0), Every("air", 1000));

            f.Schedule.Step(0);
            f.Schedule.Step(ReadMs);
            Assert.Contains("air: binding did not return within 500 ms", f.LastError);

            f.Schedule.Step(1000);
            Assert.AreEqual(2, host.Wakes, "a request nobody took is withdrawn, so the next sample asks again");
            host.Mailbox.RunPending();
            f.Schedule.Step(1000 + ReadMs);
            Assert.AreEqual(1, f.Telemetry("air"));
            Assert.AreEqual(1, reader.Reads);
        }
    }
}
