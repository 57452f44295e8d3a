using NanoMqtt.Core.Actuators;
using NanoMqtt.Core.Config;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Platform;

namespace NanoMqtt.Core.Commands
{
    /// <summary>
    /// Takes the messages on {prefix}/{id}/cmd/+ and turns each into exactly one answer. The checks run
    /// in this order, and the first that fails is the answer's code: retained, payload size, UTF-8, the
    /// form (plain text or JSON), duplicate id, expiry (and unknown wall time), the target, the value,
    /// the rate limit. Then the command is applied, the state is published retained and the answer sent.
    /// Bad input never throws: it is answered and counted.
    /// </summary>
    public sealed class CommandRouter : IMessageSink, IDiagContributor
    {
        /// <summary>
        /// Key of the ids kept across reboots. Only not-repeatable commands (toggle, reboot) are stored:
        /// with a persistent session, a QoS 1 command whose PUBACK did not leave before a reboot is
        /// delivered again afterwards. Run again, "on" or "37.5" lands in the same state, so RAM suffices
        /// for them, and flash is not written on every command; a second toggle would invert the state and
        /// a second reboot would loop, so those ids are worth a flash write.
        /// </summary>
        public const string RecentIdsKey = "cmd.ids";

        /// <summary>Reasons are for people; longer ones are cut so an answer stays one small packet.</summary>
        private const int MaxReasonLength = 160;

        // The answer's member names as chars, so that writing an answer allocates nothing but its payload.
        private static readonly char[] StateName = "state".ToCharArray();
        private static readonly char[] CodeName = "code".ToCharArray();
        private static readonly char[] ReasonName = "reason".ToCharArray();
        private static readonly char[] OkName = "ok".ToCharArray();

        // What no topic to publish to may hold.
        private static readonly char[] Unpublishable = new char[] { '+', '#', '\0' };

        private readonly Topics _topics;
        private readonly IClock _clock;
        private readonly ActuatorBank _actuators;
        private readonly CommandRouterOptions _options;
        private readonly CommandParser _parser;
        private readonly IPublisher _publisher;
        private readonly JsonWriter _json = new JsonWriter(160);
        /// <summary>
        /// The commands on {prefix}/{id}/cmd/device. FieldDevice wires its Actions (reboot, diag: the supervisor
        /// and diagnostics) and RuntimeSettings (interval, qos: the sensor schedule and the publisher).
        /// </summary>
        public readonly DeviceCommands Device = new DeviceCommands();
        private readonly Command _command = new Command();
        private readonly RecentIds _recent;
        private readonly RecentIds _persisted;

        // Built once, so that a command allocates no topic: {prefix}/{id}/cmd/device and its /result (an
        // actuator keeps its own).
        private readonly string _deviceResultTopic;
        private readonly string _deviceCommandTopic;

        // The payload decoded in place; the command's value refers into it until the answer is sent.
        private char[] _text;

        /// <summary>Messages on this device's command topics.</summary>
        public long Received;
        public long Applied;
        public long Refused;
        /// <summary>Messages that were not for a command topic (or could not be answered anywhere).</summary>
        public long Ignored;
        /// <summary>The code of the last refusal, or null.</summary>
        public string LastError;

        /// <summary>
        /// store may be null (nothing survives a reboot then). Reads the persisted ids at once, so build
        /// the router before the first broker session.
        /// </summary>
        public CommandRouter(Topics topics, IPublisher publisher, IClock clock, ActuatorBank actuators, ISettingsStore store, CommandRouterOptions options)
        {
            _topics = topics;
            _clock = clock;
            _actuators = actuators;
            _options = options ?? new CommandRouterOptions();
            int maxPayload = _options.MaxPayloadBytes > 0 ? _options.MaxPayloadBytes : 1;
            _parser = new CommandParser(maxPayload);
            _publisher = publisher;
            _deviceResultTopic = topics.CommandResult(DeviceCommands.Target);
            _deviceCommandTopic = topics.Command(DeviceCommands.Target);
            _text = new char[maxPayload];
            _recent = new RecentIds(_options.RecentIdCapacity);
            _persisted = new RecentIds(_options.PersistedIdCapacity);
            Device.Store = store;
            if (store != null && _options.PersistedIdCapacity > 0)
            {
                string stored = store.Read(RecentIdsKey);
                _persisted.AddJoined(stored);
                _recent.AddJoined(stored);
            }
        }

        public void OnMessage(LinkEvent message)
        {
            if (message == null || message.Kind != LinkEventKind.MessageReceived)
            {
                return;
            }

            // The topic is matched whole against the command topics the device knows; only an unknown
            // target is cut out of it, for its error answer.
            string topic = message.Topic;
            int at = _topics.CommandTargetStart(topic);
            string target = null;
            Actuator actuator = null;
            if (at >= 0)
            {
                if (topic == _deviceCommandTopic)
                {
                    target = DeviceCommands.Target;
                }
                else
                {
                    actuator = _actuators == null ? null : _actuators.FindByCommandTopic(topic);
                    target = actuator != null ? actuator.Name : topic.Substring(at);
                }
            }

            if (target == null || (!CanPublishTo(target) && !CanPublishTo(message.ResponseTopic)))
            {
                // Not a command topic, or one with a wildcard in it that no broker delivers and no answer
                // could be published to.
                Ignored++;
                return;
            }

            Received++;
            // Where the answer goes: built once for the device and the actuators, built now for an unknown
            // target, null when that cannot be published to.
            string resultTopic = actuator != null ? actuator.ResultTopic
                : !CanPublishTo(target) ? null
                : target == DeviceCommands.Target ? _deviceResultTopic : _topics.CommandResult(target);
            string code = Handle(message, target, actuator);

            // The answer: {"id":"abc","ok":true,"state":"on"} or {"id":"abc","ok":false,"code":"unknown_actuator",
            // "reason":"no actuator named relay9"} (no "id" when the command had none), on the result topic and,
            // under MQTT 5, on the command's response topic with its correlation data; QoS 1 and never
            // retained, because an answer is news about one command, not state.
            _json.Reset();
            _json.BeginObject();
            if (_command.IdLength > 0)
            {
                _json.Name(CommandParser.IdName);
                _json.Value(_command.IdChars, 0, _command.IdLength);
            }

            _json.Name(OkName);
            _json.Value(code == null);
            if (code != null)
            {
                Refused++;
                LastError = code;
                _json.Name(CodeName);
                _json.Value(code);
                string reason = _command.Reason;
                if (reason != null)
                {
                    _json.Name(ReasonName);
                    _json.Value(reason.Length > MaxReasonLength ? reason.Substring(0, MaxReasonLength - 3) + "..." : reason);
                }
            }
            else
            {
                Applied++;
                if (actuator != null)
                {
                    // The actuator's new state: "on", or a number for PWM.
                    _json.Name(StateName);
                    actuator.WriteState(_json);
                }
                else if (Device.State != null)
                {
                    _json.Name(StateName);
                    _json.Value(Device.State);
                }
            }

            _json.EndObject();
            byte[] payload = _json.ToArray();
            if (resultTopic != null)
            {
                _publisher.Publish(resultTopic, payload, 1, false, message.CorrelationData);
            }

            if (CanPublishTo(message.ResponseTopic))
            {
                _publisher.Publish(message.ResponseTopic, payload, 1, false, message.CorrelationData);
            }

            if (code != null || actuator != null)
            {
                return;
            }

            // After the answer, so that it is queued before the device goes away.
            if (Device.DiagRequested)
            {
                Device.Actions.RequestDiag();
            }

            if (Device.RebootRequested)
            {
                Device.Actions.RequestReboot(_command.IdLength > 0 ? "command " + _command.Id : "command");
            }
        }

        /// <summary>Adds "commands":{"received":..,"applied":..,"refused":..,"last_error":..} to diag.</summary>
        public void WriteDiag(JsonWriter w)
        {
            w.Name("commands");
            w.BeginObject();
            w.Field("received", Received);
            w.Field("applied", Applied);
            w.Field("refused", Refused);
            w.Field("ignored", Ignored);
            if (LastError != null)
            {
                w.Field("last_error", LastError);
            }

            w.EndObject();
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

        /// <summary>Checks and runs the command on the actuator, or a device command (actuator null); null when applied, else the code.</summary>
        private string Handle(LinkEvent message, string target, Actuator actuator)
        {
            _command.Clear();
            if (message.Retain && _options.RefuseRetained)
            {
                return _command.Refuse(CommandErrors.Retained, "retained commands are not run; clear " + message.Topic);
            }

            byte[] payload = message.Payload ?? new byte[0];
            int size = message.OversizeBytes > payload.Length ? message.OversizeBytes : payload.Length;
            if (size > _options.MaxPayloadBytes)
            {
                return _command.Refuse(CommandErrors.PayloadTooLarge, "payload of " + size + " bytes, over " + _options.MaxPayloadBytes);
            }

            if (_text.Length < payload.Length)
            {
                // Only when MaxPayloadBytes was raised after the router was built.
                _text = new char[payload.Length];
            }

            int length = Utf8.Decode(payload, 0, payload.Length, _text);
            if (length < 0)
            {
                return _command.Refuse(CommandErrors.BadEncoding, "payload is not valid UTF-8");
            }

            string code = _parser.Parse(_text, length, _command);
            if (code != null)
            {
                return code;
            }

            if (_command.IdLength > 0 && _recent.Contains(_command.IdChars, 0, _command.IdLength))
            {
                return _command.Refuse(CommandErrors.Duplicate, "command " + _command.Id + " was already applied");
            }

            if (_command.Expires > 0)
            {
                // Without the wall time the device cannot tell a fresh command from one queued for hours,
                // so a command that cares about its age is refused until SNTP has set the clock.
                long now = _clock.UnixSeconds;
                if (now <= 0)
                {
                    return _command.Refuse(CommandErrors.TimeUnknown, "no clock yet to check \"expires\"");
                }

                if (now >= _command.Expires)
                {
                    return _command.Refuse(CommandErrors.Expired, "expired " + (now - _command.Expires) + " s ago");
                }
            }

            if (actuator == null)
            {
                if (target != DeviceCommands.Target)
                {
                    return _command.Refuse(CommandErrors.UnknownActuator, "no actuator named " + CommandErrors.Excerpt(target));
                }

                code = Device.Run(_command);
                if (code == null)
                {
                    Remember(Device.RebootRequested);
                }

                return code;
            }

            // No value reads as no verb; a value may still not suit the kind (a relay given 37 %).
            ActuatorVerb verb;
            int duty;
            int wanted = _command.TryGetActuatorValue(out verb, out duty) ? actuator.TargetFor(verb, duty) : -1;
            if (wanted < 0)
            {
                string wants = actuator.IsDigital ? "on, off, toggle, 0 or 1" : "on, off, toggle or a duty of 0 to 100";
                string got = _command.Value == null ? "no value" : "'" + CommandErrors.Excerpt(_command.Value) + "'";
                return _command.Refuse(CommandErrors.InvalidValue, actuator.Name + " takes " + wants + ", not " + got);
            }

            long nowMs = _clock.NowMs;
            if (!_actuators.Apply(actuator, wanted, nowMs))
            {
                long waitMs = actuator.NextChangeAllowedMs(nowMs) - nowMs;
                return _command.Refuse(CommandErrors.RateLimited, actuator.Name + " changed too often; retry in " + Duration.Format((waitMs + 999) / 1000 * 1000));
            }

            Remember(verb == ActuatorVerb.Toggle);
            return null;
        }

        private void Remember(bool notRepeatable)
        {
            if (_command.IdLength == 0)
            {
                return;
            }

            _recent.Add(_command.IdChars, 0, _command.IdLength);
            if (notRepeatable && Device.Store != null && _options.PersistedIdCapacity > 0)
            {
                _persisted.Add(_command.IdChars, 0, _command.IdLength);
                Device.Store.Write(RecentIdsKey, _persisted.Join());
            }
        }
    }
}
