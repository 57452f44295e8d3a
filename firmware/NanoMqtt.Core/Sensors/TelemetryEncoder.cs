using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// Writes one telemetry message as compact JSON: {"v":21.37,"seq":42,"t":1764070000} for a
    /// one-quantity sensor or an input, {"temperature":21.37,"humidity":45.3,...,"seq":42,"t":...} for a
    /// sensor with several. No unit: units are in the Home Assistant discovery configs and the README.
    /// "t" (Unix seconds) appears only once the wall time is known, so a reading is never stamped 1970.
    /// One reusable writer: the only allocation per message is the exact-size payload array the publisher keeps.
    /// </summary>
    public sealed class TelemetryEncoder
    {
        // The member names as chars, so that writing them allocates nothing.
        private static readonly char[] ValueName = "v".ToCharArray();
        private static readonly char[] SeqName = "seq".ToCharArray();
        private static readonly char[] TimeName = "t".ToCharArray();

        private readonly IClock _clock;
        private readonly JsonWriter _json = new JsonWriter(96);

        public TelemetryEncoder(IClock clock)
        {
            _clock = clock;
        }

        /// <summary>The payload of a one-value reading: scaled / 10^decimals as "v", with its sequence number.</summary>
        public byte[] Encode(long scaled, int decimals, long seq)
        {
            Begin();
            Add(ValueName, scaled, decimals);
            return Finish(seq);
        }

        /// <summary>Starts a message; <see cref="Add"/> each value, then <see cref="Finish"/>.</summary>
        public void Begin()
        {
            _json.Reset();
            _json.BeginObject();
        }

        /// <summary>One value, scaled / 10^decimals, under name (kept by the caller as chars).</summary>
        public void Add(char[] name, long scaled, int decimals)
        {
            _json.Name(name);
            _json.Fixed(scaled, decimals);
        }

        /// <summary>Writes the sequence number and, once known, the time; returns the payload.</summary>
        public byte[] Finish(long seq)
        {
            _json.Name(SeqName);
            _json.Value(seq);
            long t = _clock == null ? 0 : _clock.UnixSeconds;
            if (t > 0)
            {
                _json.Name(TimeName);
                _json.Value(t);
            }

            _json.EndObject();
            return _json.ToArray();
        }
    }
}
