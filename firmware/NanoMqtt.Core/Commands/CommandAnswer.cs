using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// The answer to a command: {"id":"abc","ok":true,"state":"on"} or
    /// {"id":"abc","ok":false,"code":"unknown_actuator","reason":"no actuator named relay9"} (no "id" when
    /// the command had none). It goes to {prefix}/{id}/cmd/{target}/result and, under MQTT 5, also to the
    /// command's response topic with its correlation data; QoS 1 and never retained, because an answer
    /// is news about one command, not state. The caller passes the result topic: the router builds it
    /// once per target, not once per answer.
    /// </summary>
    public sealed class CommandAnswer
    {
        /// <summary>Reasons are for people; longer ones are cut so an answer stays one small packet.</summary>
        public const int MaxReasonLength = 160;

        // The member names as chars, so that writing an answer allocates nothing but its payload.
        private static readonly char[] StateName = "state".ToCharArray();
        private static readonly char[] CodeName = "code".ToCharArray();
        private static readonly char[] ReasonName = "reason".ToCharArray();
        private static readonly char[] IdName = "id".ToCharArray();
        private static readonly char[] OkName = "ok".ToCharArray();

        // What no topic to publish to may hold.
        private static readonly char[] Unpublishable = new char[] { '+', '#', '\0' };

        private readonly IPublisher _publisher;
        private readonly JsonWriter _json = new JsonWriter(160);

        public CommandAnswer(IPublisher publisher)
        {
            _publisher = publisher;
        }

        /// <summary>
        /// Writes and publishes one answer. code null: ok, with the actuator's new state ("on", or a number
        /// for PWM) or else text as the state ("pong", none when null); else refused with code, and text as
        /// the reason. resultTopic is {prefix}/{id}/cmd/{target}/result, or null when the target cannot be
        /// published to. parsed gives the id to echo (none when it has none, or is null).
        /// </summary>
        public void Send(LinkEvent command, string resultTopic, Command parsed, string code, string text, Actuator actuator)
        {
            _json.Reset();
            _json.BeginObject();
            if (parsed != null && parsed.IdLength > 0)
            {
                _json.Field(IdName, parsed.IdChars, 0, parsed.IdLength);
            }

            _json.Field(OkName, code == null);
            if (code != null)
            {
                _json.Field(CodeName, code);
                if (text != null)
                {
                    _json.Field(ReasonName, text.Length > MaxReasonLength ? text.Substring(0, MaxReasonLength - 3) + "..." : text);
                }
            }
            else if (actuator != null)
            {
                _json.Name(StateName);
                actuator.WriteState(_json);
            }
            else if (text != null)
            {
                _json.Field(StateName, text);
            }

            _json.EndObject();
            byte[] payload = _json.ToArray();
            byte[] correlation = command == null ? null : command.CorrelationData;
            if (resultTopic != null)
            {
                _publisher.Publish(resultTopic, payload, 1, false, correlation);
            }

            if (command != null && CanPublishTo(command.ResponseTopic))
            {
                _publisher.Publish(command.ResponseTopic, payload, 1, false, correlation);
            }
        }

        /// <summary>
        /// False for a topic that no broker would take: empty, or holding a wildcard or NUL. A conforming
        /// broker never delivers such a command topic, but a link bug or a fuzzer might.
        /// </summary>
        public static bool CanPublishTo(string topic)
        {
            // One native search, linear and allocation-free on every runtime (the indexer is O(i) on nanoCLR).
            return topic != null && topic.Length > 0 && topic.IndexOfAny(Unpublishable) < 0;
        }
    }
}
