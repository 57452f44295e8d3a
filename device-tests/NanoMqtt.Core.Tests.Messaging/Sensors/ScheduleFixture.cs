using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Sensors;
using NanoMqtt.Core.Tests.Fakes;

namespace NanoMqtt.Core.Tests.Sensors
{
    /// <summary>A schedule wired as the device wires it: one publisher for telemetry and errors, device "dev1".</summary>
    public sealed class ScheduleFixture
    {
        public readonly RecordingPublisher Publisher = new RecordingPublisher();
        public readonly FakeClock Clock = new FakeClock();
        public readonly Topics Topics = new Topics("nanomqtt", "dev1");
        public readonly ScheduleOptions Options = new ScheduleOptions();
        public readonly SensorSchedule Schedule;

        public ScheduleFixture()
        {
            Schedule = new SensorSchedule(Publisher, Topics, Clock, new ErrorReporter(Publisher, Topics, Clock), Options);
        }

        public int Telemetry(string stream)
        {
            return Publisher.CountEndingWith("/telemetry/" + stream);
        }

        public string LastPayload(string stream)
        {
            PublishedMessage m = Publisher.LastEndingWith("/telemetry/" + stream);
            return m == null ? null : m.Text;
        }

        public int Errors
        {
            get { return Publisher.CountEndingWith("/error"); }
        }

        public string LastError
        {
            get
            {
                PublishedMessage m = Publisher.LastEndingWith("/error");
                return m == null ? null : m.Text;
            }
        }

        /// <summary>True while the sensor is listed in diag's "sensor_faults" (how the device reports a fault).</summary>
        public bool IsFaulted(string sensor)
        {
            string diag = Diag();
            int at = diag.IndexOf("\"" + sensor + "\"");
            return at >= 0 && at < diag.IndexOf(']');
        }

        public string Diag()
        {
            JsonWriter w = new JsonWriter(64);
            w.BeginObject();
            Schedule.WriteDiag(w);
            w.EndObject();
            return w.ToString();
        }
    }
}
