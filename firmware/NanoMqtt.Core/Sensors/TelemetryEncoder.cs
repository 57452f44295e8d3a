using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Sensors
{
    /// <summary>
    /// Writes one reading as compact JSON: {"v":21.37,"u":"C","seq":42,"t":1764070000}. "t" (Unix seconds)
    /// appears only once the wall time is known, so a reading is never stamped 1970. One reusable
    /// writer: the only allocation per message is the exact-size payload array the publisher keeps.
    /// </summary>
    public sealed class TelemetryEncoder
    {
        // The member names as chars, so that writing them allocates nothing.
        private static readonly char[] ValueName = "v".ToCharArray();
        private static readonly char[] UnitName = "u".ToCharArray();
        private static readonly char[] SeqName = "seq".ToCharArray();
        private static readonly char[] TimeName = "t".ToCharArray();

        private readonly IClock _clock;
        private readonly JsonWriter _json = new JsonWriter(64);

        public TelemetryEncoder(IClock clock)
        {
            _clock = clock;
        }

        /// <summary>The payload of one reading: scaled / 10^decimals in the given unit, with its sequence number.</summary>
        public byte[] Encode(long scaled, int decimals, string unit, long seq)
        {
            return Encode(scaled, decimals, unit == null ? null : unit.ToCharArray(), seq);
        }

        /// <summary>The same with the unit as chars, kept by the caller: what a stream publishes, without allocating but the payload.</summary>
        public byte[] Encode(long scaled, int decimals, char[] unit, long seq)
        {
            _json.Reset();
            _json.BeginObject();
            _json.Name(ValueName);
            _json.Fixed(scaled, decimals);
            _json.Name(UnitName);
            if (unit == null)
            {
                _json.Null();
            }
            else
            {
                _json.Value(unit, 0, unit.Length);
            }

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

        /// <summary>
        /// Bytes of an MQTT 3.1.1 PUBLISH packet on the wire: fixed header (1 byte + 1..4 bytes of remaining
        /// length), topic length field (2), topic, packet id (2, QoS 1 and 2 only) and payload. Under
        /// MQTT 5 add the property length (at least 1 byte). Used by the benchmarks.
        /// </summary>
        public static int PublishPacketBytes(int topicBytes, int payloadBytes, int qos)
        {
            int remaining = 2 + topicBytes + (qos > 0 ? 2 : 0) + payloadBytes;
            int lengthBytes = remaining < 128 ? 1 : remaining < 16384 ? 2 : remaining < 2097152 ? 3 : 4;
            return 1 + lengthBytes + remaining;
        }
    }
}
