using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Diagnostics
{
    /// <summary>
    /// Publishes what went wrong on {prefix}/{id}/error as one line of JSON with a stable code, e.g.
    /// {"code":"sensor_fault","msg":"climate: no ACK at 0x76","t":1764070000}. Not retained: errors are
    /// news, not state (the state of a fault lives in diag). QoS 1, so that what went wrong at boot or
    /// while offline waits in the outbox instead of being skipped; reporters send only on transitions.
    /// </summary>
    public sealed class ErrorReporter
    {
        private readonly IPublisher _publisher;
        private readonly string _topic;
        private readonly IClock _clock;
        private readonly JsonWriter _json = new JsonWriter(128);
        /// <summary>How many errors were reported since boot.</summary>
        public long Reported;

        public ErrorReporter(IPublisher publisher, Topics topics, IClock clock)
        {
            _publisher = publisher;
            _topic = topics.Error;
            _clock = clock;
        }

        public void Report(string code, string message)
        {
            Reported++;
            JsonWriter w = _json;
            w.Reset();
            w.BeginObject();
            w.Field("code", code);
            w.Field("msg", message);
            long t = _clock.UnixSeconds;
            if (t > 0)
            {
                w.Field("t", t);
            }

            w.EndObject();
            _publisher.Publish(_topic, w.ToArray(), 1, false, null);
        }
    }
}
