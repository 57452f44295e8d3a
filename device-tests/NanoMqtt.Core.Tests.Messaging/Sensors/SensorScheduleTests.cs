using NanoMqtt.Core.Config;
using NanoMqtt.Core.Sensors;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Sensors
{
    [TestClass]
    public class SensorScheduleTests
    {
        [TestMethod]
        public void MultiQuantitySensorPublishesOneMessagePerSample()
        {
            var f = new ScheduleFixture();
            var climate = ScriptedSensor.Climate();
            climate.Values = new long[] { 2137, 453, 101325 };
            Assert.IsNull(f.Schedule.Add(climate, new SensorOptions("climate")));

            f.Schedule.Step(0);

            Assert.AreEqual(1, f.Publisher.Count);
            Assert.AreEqual("nanomqtt/dev1/telemetry/climate", f.Publisher[0].Topic);
            Assert.AreEqual("{\"temperature\":21.37,\"humidity\":45.3,\"pressure\":1013.25,\"seq\":1}", f.Publisher[0].Text);
            string[] streams = f.Schedule.StreamNames();
            Assert.AreEqual(1, streams.Length);
            Assert.AreEqual("climate", streams[0]);
            Assert.AreEqual("climate", f.Schedule.SensorNames()[0]);
            Assert.AreEqual("QoS is per sensor: qos climate 1", f.Schedule.SetStreamQos("climate_humidity", 1), "a quantity is no stream of its own");
        }

        [TestMethod]
        public void SingleQuantitySensorPublishesUnderItsOwnName()
        {
            var f = new ScheduleFixture();
            var light = new ScriptedSensor(new string[] { "light" }, new string[] { "lx" }, new int[] { 1 });
            light.Set(280667);
            Assert.IsNull(f.Schedule.Add(light, new SensorOptions("light")));

            f.Schedule.Step(0);

            Assert.AreEqual("nanomqtt/dev1/telemetry/light", f.Publisher.Last.Topic);
            Assert.AreEqual("{\"v\":28066.7,\"seq\":1}", f.Publisher.Last.Text);
            Assert.AreEqual("light", f.Schedule.StreamNames()[0]);
            Assert.AreEqual("light", f.Schedule.SensorNames()[0]);
        }

        [TestMethod]
        public void WaitsForTheConversionThenKeepsTheInterval()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            s.WaitMs = 16;
            s.Set(2000);
            var o = new SensorOptions("t");
            o.IntervalMs = 5000;
            f.Schedule.Add(s, o);

            Assert.AreEqual(16L, f.Schedule.Step(0));
            Assert.AreEqual(0, f.Publisher.Count);
            Assert.AreEqual(16L, f.Schedule.Step(10));
            Assert.AreEqual(5000L, f.Schedule.Step(16));
            Assert.AreEqual(1, f.Publisher.Count);
            Assert.AreEqual(5016L, f.Schedule.Step(5000));
            Assert.AreEqual(10000L, f.Schedule.Step(5016));
            Assert.AreEqual(2, f.Publisher.Count);
            Assert.AreEqual(2, s.Starts);
            Assert.AreEqual("{\"v\":20.00,\"seq\":2}", f.Publisher.Last.Text);
        }

        [TestMethod]
        public void SequenceNumbersCountPerStreamFromOne()
        {
            var f = new ScheduleFixture();
            var a = ScriptedSensor.Single();
            var b = ScriptedSensor.Single();
            var oa = new SensorOptions("a");
            oa.IntervalMs = 1000;
            var ob = new SensorOptions("b");
            ob.IntervalMs = 3000;
            f.Schedule.Add(a, oa);
            f.Schedule.Add(b, ob);

            for (long t = 0; t <= 3000; t += 1000)
            {
                f.Schedule.Step(t);
            }

            Assert.AreEqual(4, f.Telemetry("a"));
            Assert.AreEqual(2, f.Telemetry("b"));
            Assert.Contains("\"seq\":4}", f.LastPayload("a"));
            Assert.Contains("\"seq\":2}", f.LastPayload("b"));
        }

        [TestMethod]
        public void DeadbandHoldsSmallChangesAndTheHeartbeatStillSpeaks()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            var o = new SensorOptions("t");
            o.IntervalMs = 1000;
            o.Deadband = 0.5;
            o.HeartbeatIntervals = 3;
            f.Schedule.Add(s, o);

            long[] values = { 2000, 2030, 2049, 2045, 2100, 2150, 2140 };
            bool[] expected = { true, false, false, true, true, false, false };
            for (int i = 0; i < values.Length; i++)
            {
                int before = f.Publisher.Count;
                s.Set(values[i]);
                f.Schedule.Step(i * 1000);
                Assert.AreEqual(expected[i], f.Publisher.Count > before, "sample " + i);
            }

            // 2000 first; 2030 and 2049 within 0.50 of 20.00; 2045 is the third interval (heartbeat);
            // 2100 moved 0.55 from 20.45; 2150 moved exactly 0.50 (not more), 2140 only 0.40.
            Assert.AreEqual("{\"v\":21.00,\"seq\":3}", f.Publisher.Last.Text);
        }

        [TestMethod]
        public void WithoutHeartbeatASteadyValueIsPublishedOnce()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            var o = new SensorOptions("t");
            o.IntervalMs = 1000;
            o.Deadband = 0.1;
            o.HeartbeatIntervals = 0;
            f.Schedule.Add(s, o);
            s.Set(1500);

            for (int i = 0; i < 20; i++)
            {
                f.Schedule.Step(i * 1000);
            }

            Assert.AreEqual(1, f.Publisher.Count);
        }

        [TestMethod]
        public void WithoutDeadbandEverySampleIsPublished()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            var o = new SensorOptions("t");
            o.IntervalMs = 1000;
            f.Schedule.Add(s, o);
            s.Set(1500);

            for (int i = 0; i < 5; i++)
            {
                f.Schedule.Step(i * 1000);
            }

            Assert.AreEqual(5, f.Publisher.Count);
        }

        [TestMethod]
        public void MedianOfThreeKeepsASpikeOffTheBroker()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            var o = new SensorOptions("t");
            o.IntervalMs = 1000;
            o.MedianWindow = 3;
            f.Schedule.Add(s, o);

            long[] values = { 2000, 2010, 9000, 2020, 2030 };
            string[] published = { "20.00", "20.05", "20.10", "20.20", "20.30" };
            for (int i = 0; i < values.Length; i++)
            {
                s.Set(values[i]);
                f.Schedule.Step(i * 1000);
                Assert.StartsWith("{\"v\":" + published[i] + ",", f.Publisher.Last.Text);
            }
        }

        [TestMethod]
        public void AbsentSensorIsReportedOnceAndRetriedAtItsInterval()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Climate();
            s.StartResult = SensorStatus.NoAck;
            s.Detail = "no ACK at 0x76";
            f.Schedule.Add(s, new SensorOptions("climate"));

            Assert.AreEqual(10000L, f.Schedule.Step(0));
            Assert.AreEqual(1, f.Errors);
            Assert.AreEqual("nanomqtt/dev1/error", f.Publisher.Last.Topic);
            Assert.AreEqual("{\"code\":\"sensor_fault\",\"msg\":\"climate: no ACK at 0x76\"}", f.LastError);
            Assert.IsTrue(f.IsFaulted("climate"));
            Assert.AreEqual("{\"sensor_faults\":[\"climate\"],\"sensor_fault_events\":1}", f.Diag());

            f.Schedule.Step(10000);
            f.Schedule.Step(20000);
            Assert.AreEqual(3, s.Starts);
            Assert.AreEqual(1, f.Errors);
            Assert.AreEqual(0, f.Telemetry("climate"));
            Assert.AreEqual("{\"sensor_faults\":[\"climate\"],\"sensor_fault_events\":1}", f.Diag(), "still one fault, not a new one");
        }

        [TestMethod]
        public void RecoveryPublishesAgainReportsItAndClearsDiag()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            s.CollectResult = SensorStatus.BadCrc;
            s.Detail = "temperature CRC mismatch at 0x44";
            f.Schedule.Add(s, new SensorOptions("climate"));
            f.Schedule.Step(0);
            f.Schedule.Step(10000);

            s.CollectResult = SensorStatus.Ok;
            s.Set(2250);
            f.Schedule.Step(20000);

            Assert.AreEqual(1, f.Telemetry("climate"));
            Assert.AreEqual("{\"v\":22.50,\"seq\":1}", f.LastPayload("climate"));
            Assert.AreEqual(2, f.Errors);
            Assert.AreEqual("{\"code\":\"sensor_recovered\",\"msg\":\"climate: reading again after 2 failed samples\"}", f.LastError);
            Assert.IsFalse(f.IsFaulted("climate"));
            Assert.AreEqual("{\"sensor_faults\":[],\"sensor_fault_events\":1}", f.Diag());
        }

        [TestMethod]
        public void AFaultWithoutDetailIsNamedByItsStatus()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            s.CollectResult = SensorStatus.Implausible;
            f.Schedule.Add(s, new SensorOptions("t"));

            f.Schedule.Step(0);

            Assert.Contains("\"msg\":\"t: implausible value\"", f.LastError);
        }

        [TestMethod]
        public void OtherSensorsKeepPublishingWhileOneIsInFault()
        {
            var f = new ScheduleFixture();
            var broken = ScriptedSensor.Single();
            broken.StartResult = SensorStatus.Timeout;
            var good = ScriptedSensor.Single();
            var o1 = new SensorOptions("broken");
            o1.IntervalMs = 1000;
            var o2 = new SensorOptions("good");
            o2.IntervalMs = 1000;
            f.Schedule.Add(broken, o1);
            f.Schedule.Add(good, o2);

            for (int i = 0; i < 5; i++)
            {
                f.Schedule.Step(i * 1000);
            }

            Assert.AreEqual(5, f.Telemetry("good"));
            Assert.AreEqual(0, f.Telemetry("broken"));
            Assert.AreEqual(1, f.Errors);
            Assert.Contains("broken: timeout", f.LastError);
        }

        [TestMethod]
        public void ASampleThatNeverBecomesReadyTimesOutWithoutHanging()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            s.WaitMs = 16;
            s.NotReadyCollects = 1000;
            f.Schedule.Add(s, new SensorOptions("t"));

            long now = 0;
            int steps = 0;
            while (now < 10000 && steps < 100)
            {
                now = f.Schedule.Step(now);
                steps++;
            }

            Assert.AreEqual(6, s.Collects);
            Assert.AreEqual(1, f.Errors);
            Assert.Contains("t: not ready after 5 retries", f.LastError);
            Assert.AreEqual(10000L, now);
        }

        [TestMethod]
        public void ASampleReadyOnASecondAskIsPublished()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            s.WaitMs = 10;
            s.NotReadyCollects = 1;
            s.Set(100);
            f.Schedule.Add(s, new SensorOptions("t"));

            f.Schedule.Step(0);
            Assert.AreEqual(15L, f.Schedule.Step(10));
            f.Schedule.Step(15);

            Assert.AreEqual(1, f.Telemetry("t"));
            Assert.AreEqual(0, f.Errors);
        }

        [TestMethod]
        public void ADriverThatThrowsBecomesAFaultNotACrash()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            s.Throw = true;
            f.Schedule.Add(s, new SensorOptions("t"));

            Assert.AreEqual(10000L, f.Schedule.Step(0));

            Assert.IsTrue(f.IsFaulted("t"));
            Assert.Contains("t: bus error", f.LastError);
        }

        [TestMethod]
        public void FaultThresholdRidesOutASingleBadSample()
        {
            var f = new ScheduleFixture();
            f.Options.FaultAfterFailures = 2;
            var s = ScriptedSensor.Single();
            var o = new SensorOptions("t");
            o.IntervalMs = 1000;
            f.Schedule.Add(s, o);

            s.CollectResult = SensorStatus.BadCrc;
            f.Schedule.Step(0);
            s.CollectResult = SensorStatus.Ok;
            f.Schedule.Step(1000);
            Assert.AreEqual(0, f.Errors);

            s.CollectResult = SensorStatus.BadCrc;
            f.Schedule.Step(2000);
            f.Schedule.Step(3000);
            Assert.AreEqual(1, f.Errors);
            Assert.IsTrue(f.IsFaulted("t"));
        }

        [TestMethod]
        public void IntervalAndQosChangeAtRunTime()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Climate();
            f.Schedule.Add(s, new SensorOptions("climate"));
            f.Schedule.Step(0);

            Assert.IsNull(f.Schedule.SetInterval("climate", 2000));
            Assert.IsNull(f.Schedule.SetStreamQos("climate", 1));
            Assert.AreEqual("QoS is per sensor: qos climate 0", f.Schedule.SetStreamQos("climate_temperature", 0));

            Assert.AreEqual(2000L, f.Schedule.Step(1000));
            f.Publisher.Clear();
            f.Schedule.Step(2000);
            Assert.AreEqual(1, f.Publisher.Count);
            Assert.AreEqual(1, f.Publisher[0].Qos);
        }

        [TestMethod]
        public void RunTimeChangesAnswerWithAReason()
        {
            var f = new ScheduleFixture();
            var t = ScriptedSensor.Single();
            f.Schedule.Add(t, new SensorOptions("t"));
            f.Schedule.AddInput(new FakeDigitalInput(false), new DigitalInputOptions("door"));

            Assert.AreEqual("unknown sensor", f.Schedule.SetInterval("nope", 1000));
            Assert.Contains("is an input; it has no interval", f.Schedule.SetInterval("door", 1000));
            Assert.AreEqual("interval must be 100..86400000 ms", f.Schedule.SetInterval("t", 99));
            Assert.AreEqual("unknown stream", f.Schedule.SetStreamQos("nope", 1));
            Assert.AreEqual("qos must be 0, 1 or 2", f.Schedule.SetStreamQos("t", 3));
            Assert.IsNull(f.Schedule.SetStreamQos("door", 2));
            f.Schedule.Step(0);
            Assert.AreEqual(2, f.Publisher.LastEndingWith("/telemetry/door").Qos, "the door's messages go at the QoS set");
            f.Schedule.Step(9999);
            Assert.AreEqual(1, t.Starts, "the refused interval left t at its 10 s");
            f.Schedule.Step(10000);
            Assert.AreEqual(2, t.Starts);
        }

        [TestMethod]
        public void BadRegistrationsAreRefusedWithAReason()
        {
            var f = new ScheduleFixture();
            Assert.IsNull(f.Schedule.Add(ScriptedSensor.Climate(), new SensorOptions("climate")));

            Assert.Contains("already used", f.Schedule.Add(ScriptedSensor.Single(), new SensorOptions("climate")));
            Assert.Contains("already used", f.Schedule.Add(ScriptedSensor.Single(), new SensorOptions("climate_temperature")));
            Assert.Contains("already used", f.Schedule.AddInput(new FakeDigitalInput(false), new DigitalInputOptions("climate_humidity")));
            Assert.Contains("'/'", f.Schedule.Add(ScriptedSensor.Single(), new SensorOptions("a/b")));
            Assert.Contains("empty", f.Schedule.Add(ScriptedSensor.Single(), new SensorOptions("")));

            Assert.IsNotNull(f.Schedule.Add(null, new SensorOptions("y")));

            // The config reader bounds the options' values; the schedule checks the names.
            Assert.Contains("median", ConfigError("[sensor.x]\ntype = bh1750\nmedian = 0\n"));
            Assert.Contains("qos", ConfigError("[sensor.x]\ntype = bh1750\nqos = 3\n"));
            Assert.Contains("interval", ConfigError("[sensor.x]\ntype = bh1750\ninterval = 50ms\n"));
            Assert.Contains("deadband", ConfigError("[sensor.x]\ntype = bh1750\ndeadband = -1\n"));
            Assert.Contains("debounce", ConfigError("[sensor.button]\ntype = input\npin = 4\ndebounce = -1\n"));

            Assert.AreEqual(1, f.Schedule.SensorNames().Length);
            Assert.AreEqual(1, f.Schedule.StreamNames().Length);
        }

        [TestMethod]
        public void TimeIsAddedOnceTheWallClockIsKnown()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            s.Set(2137);
            f.Schedule.Add(s, new SensorOptions("t"));

            f.Schedule.Step(0);
            Assert.AreEqual("{\"v\":21.37,\"seq\":1}", f.Publisher.Last.Text);

            f.Clock.UnixSeconds = 1764070000;
            f.Schedule.Step(10000);
            Assert.AreEqual("{\"v\":21.37,\"seq\":2,\"t\":1764070000}", f.Publisher.Last.Text);
        }

        [TestMethod]
        public void QosAndRetainComeFromTheOptions()
        {
            var f = new ScheduleFixture();
            var o = new SensorOptions("t");
            o.Qos = 2;
            o.Retain = true;
            f.Schedule.Add(ScriptedSensor.Single(), o);

            f.Schedule.Step(0);

            Assert.AreEqual(2, f.Publisher.Last.Qos);
            Assert.IsTrue(f.Publisher.Last.Retain);
        }

        [TestMethod]
        public void AReadingThePublisherSkippedIsSentAgainDespiteTheDeadband()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            var o = new SensorOptions("t");
            o.IntervalMs = 1000;
            o.Deadband = 1;
            o.HeartbeatIntervals = 0;
            f.Schedule.Add(s, o);
            s.Set(2000);

            f.Publisher.Accept = false;
            f.Schedule.Step(0);
            f.Publisher.Accept = true;
            f.Schedule.Step(1000);
            f.Schedule.Step(2000);

            Assert.AreEqual(2, f.Publisher.Count);
            Assert.Contains("\"seq\":2", f.Publisher.Last.Text);
        }

        [TestMethod]
        public void FallingBehindSkipsMissedSamplesInsteadOfBursting()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Single();
            f.Schedule.Add(s, new SensorOptions("t"));

            f.Schedule.Step(0);
            Assert.AreEqual(65000L, f.Schedule.Step(55000));
            Assert.AreEqual(2, s.Starts);
        }

        [TestMethod]
        public void PerQuantityDeadbandsApply()
        {
            var f = new ScheduleFixture();
            var s = ScriptedSensor.Climate();
            var o = new SensorOptions("c");
            o.IntervalMs = 1000;
            o.HeartbeatIntervals = 0;
            o.Deadband = 0.2;
            o.ChannelDeadbands = new double[] { -1, -1, 1.0 };
            f.Schedule.Add(s, o);

            s.Values = new long[] { 2000, 500, 101300 };
            f.Schedule.Step(0);
            s.Values = new long[] { 2010, 500, 101380 };
            f.Schedule.Step(1000);
            Assert.AreEqual(1, f.Telemetry("c"));

            // Temperature moved 0.30 (more than 0.2) from the last published 20.00: the sample goes out whole.
            s.Values = new long[] { 2030, 500, 101380 };
            f.Schedule.Step(2000);

            Assert.AreEqual(2, f.Telemetry("c"));
            Assert.AreEqual("{\"temperature\":20.30,\"humidity\":50.0,\"pressure\":1013.80,\"seq\":2}", f.LastPayload("c"));
        }

        [TestMethod]
        public void NothingScheduledAsksForAnIdleStep()
        {
            var f = new ScheduleFixture();
            Assert.AreEqual(60500L, f.Schedule.Step(500));
            Assert.AreEqual("{\"sensor_faults\":[],\"sensor_fault_events\":0}", f.Diag());
        }

        private static string ConfigError(string sections)
        {
            string error;
            Assert.IsNull(DeviceConfig.Parse("[device]\nid = d\n" + sections, null, out error));
            return error;
        }
    }
}
