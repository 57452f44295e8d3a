using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsCheck;
using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Commands;
using NanoMqtt.Core.Tests.Fakes;
using Xunit;

namespace NanoMqtt.Core.Tests.HostOnly
{
    /// <summary>
    /// The command router against random input: bytes, unicode, near-valid JSON, huge payloads, odd
    /// topics and MQTT 5 properties. Nothing throws, every message on a command topic gets exactly one
    /// answer (plus one on a usable response topic), a refusal carries a known code, and the state topic
    /// moves only with an accepted actuator command.
    /// </summary>
    public class CommandRouterPropertyTests
    {
        private sealed class Inbound
        {
            public string Topic;
            public byte[] Payload;
            public bool Retain;
            public string ResponseTopic;
            public bool KnownTime;
            public int AdvanceMs;
            public bool SessionUp;

            public override string ToString() =>
                $"{Topic} [{Payload.Length} bytes] {Preview(Payload)} retain={Retain} rt={ResponseTopic} time={KnownTime}";
        }

        // Every code CommandErrors declares (its public consts).
        private static readonly string[] AllCodes = typeof(CommandErrors).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()).ToArray();

        [Fact]
        public void ErrorCodesAreDistinct()
        {
            Xunit.Assert.Equal(15, AllCodes.Length);
            Xunit.Assert.Equal(AllCodes.Length, AllCodes.Distinct().Count());
        }

        private static readonly string[] Targets = { "relay1", "led", "fan", "device", "relay9", "RELAY1", "a b", "x\u00e9", "+", "#", "re#lay", "\0", "" };
        private static readonly string[] Words = { "on", "off", "toggle", "ON", "37.5", "100", "0", "1", "-1", "101", "1e2", "ping", "reboot", "diag", "interval climate 30s", "interval climate 0", "qos climate 1", "qos climate 7", "dance", "" };
        private static readonly string[] JsonValues = { "\"on\"", "\"off\"", "\"toggle\"", "37.5", "100", "-0", "1e400", "true", "false", "null", "[1]", "{}", "\"\\u00e9\"", "\"\\ud83d\"", "99999999999999999999" };
        private static readonly string[] Fields = { "id", "value", "expires", "cmd", "sensor", "stream", "other" };
        private const string JsonNoise = "{}[]\",:\\u0123456789e-+. \t\n";

        private static readonly Gen<string> GenTarget = Gen.Frequency<string>(
            (6, Gen.Int[0, Targets.Length - 1].Select(i => Targets[i])),
            (1, Gen.String[Gen.Char.AlphaNumeric, 1, 12]),
            (1, Gen.String[0, 80]));

        private static readonly Gen<string> GenTopic = Gen.Frequency<string>(
            (8, GenTarget.Select(t => "nanomqtt/dev1/cmd/" + t)),
            (1, GenTarget.Select(t => "nanomqtt/dev1/cmd/" + t + "/result")),
            (1, GenTarget.Select(t => "nanomqtt/dev2/cmd/" + t)),
            (1, Gen.String[0, 40]));

        private static readonly Gen<string> GenMember = Gen.Select(
            Gen.Int[0, Fields.Length - 1], Gen.Int[0, JsonValues.Length - 1], Gen.String[Gen.Char.AlphaNumeric, 0, 70], Gen.Long[-5, 1764070000 + 5])
            .Select((f, v, text, number) =>
            {
                string name = Fields[f];
                string value = (name, v % 3) switch
                {
                    ("id", _) => "\"" + text + "\"",
                    ("expires", 0) => number.ToString(),
                    ("cmd", 0) => "\"" + Words[v % Words.Length] + "\"",
                    ("value", 0) => "\"" + Words[v % Words.Length] + "\"",
                    _ => JsonValues[v],
                };
                return "\"" + name + "\":" + value;
            });

        /// <summary>A JSON command object, then perhaps broken: cut short, a character dropped or noise inserted.</summary>
        private static readonly Gen<string[]> GenMembers = Gen.Select(Gen.Int[0, 5], GenMember, GenMember, GenMember, GenMember, GenMember)
            .Select((n, a, b, c, d, e) => new[] { a, b, c, d, e }.Take(n).ToArray());

        private static readonly Gen<string> GenNearJson = Gen.Select(GenMembers, Gen.Int[0, 4], Gen.Int[0, 1000], Gen.Int[0, JsonNoise.Length - 1])
            .Select((members, mutation, at, noise) =>
            {
                string json = "{" + string.Join(",", members) + "}";
                int i = at % (json.Length + 1);
                return mutation switch
                {
                    1 => json.Substring(0, i),
                    2 when i < json.Length => json.Remove(i, 1),
                    3 => json.Insert(i, JsonNoise[noise].ToString()),
                    _ => json,
                };
            });

        /// <summary>Good commands with ids from a small pool, so duplicates and the rate limit come up too.</summary>
        private static readonly Gen<string> GenGoodJson = Gen.Select(Gen.Int[0, 9], Gen.Int[0, 4], Gen.Bool)
            .Select((id, v, expires) => "{\"id\":\"c" + id + "\",\"value\":\"" + Words[v] + "\"" + (expires ? ",\"expires\":1864070000" : "") + "}");

        private static readonly Gen<byte[]> GenPayload = Gen.Frequency<byte[]>(
            (3, GenGoodJson.Select(Encoding.UTF8.GetBytes)),
            (3, GenNearJson.Select(Encoding.UTF8.GetBytes)),
            (2, Gen.Int[0, Words.Length - 1].Select(i => Encoding.UTF8.GetBytes(Words[i]))),
            (2, Bytes(300)),
            (2, Gen.String[0, 120].Select(Encoding.UTF8.GetBytes)),
            (1, Gen.String[Gen.Char[(char)0x80, (char)0xFFFF], 0, 100].Select(Encoding.UTF8.GetBytes)),
            (1, Gen.Int[250, 20000].Select(n => Enumerable.Repeat((byte)'a', n).ToArray())));

        private static readonly Gen<string> GenResponseTopic = Gen.Frequency<string>(
            (6, Gen.Const((string)null)),
            (2, Gen.String[Gen.Char.AlphaNumeric, 1, 10].Select(s => "reply/" + s)),
            (1, Gen.Const("reply/#")),
            (1, Gen.Const("")));

        private static readonly Gen<Inbound> GenInbound = Gen.Select(GenTopic, GenPayload, Gen.Int[0, 9], GenResponseTopic, Gen.Int[0, 90000], Gen.Int[0, 3])
            .Select((topic, payload, flags, response, advance, session) => new Inbound
            {
                Topic = topic,
                Payload = payload,
                Retain = flags == 0,
                KnownTime = flags != 1,
                ResponseTopic = response,
                AdvanceMs = advance,
                SessionUp = session != 0,
            });

        [Fact]
        public void RandomCommandsNeverThrowAndAlwaysGetExactlyOneAnswer()
        {
            int messages = 0;
            int refused = 0;
            int applied = 0;
            var batches = Gen.Select(Gen.Int[1, 6], GenInbound, GenInbound, GenInbound, GenInbound, GenInbound, GenInbound)
                .Select((n, a, b, c, d, e, g) => new[] { a, b, c, d, e, g }.Take(n).ToArray());
            batches.Sample(batch =>
            {
                var f = new RouterFixture();
                foreach (var m in batch)
                {
                    messages++;
                    f.Clock.NowMs += m.AdvanceMs;
                    f.Clock.UnixSeconds = m.KnownTime ? RouterFixture.Wall + f.Clock.NowMs / 1000 : 0;
                    f.Bank.Step(f.Clock.NowMs, m.SessionUp);
                    f.Publisher.Clear();
                    long received = f.Router.Received;
                    int reboots = f.Actions.Reboots;

                    var e = new LinkEvent(LinkEventKind.MessageReceived)
                    {
                        Topic = m.Topic,
                        Payload = m.Payload,
                        Retain = m.Retain,
                        ResponseTopic = m.ResponseTopic,
                        CorrelationData = m.ResponseTopic == null ? null : new byte[] { 7 },
                    };
                    f.Router.OnMessage(e);

                    int targetStart = f.Topics.CommandTargetStart(m.Topic);
                    string target = targetStart < 0 ? null : m.Topic.Substring(targetStart);
                    bool resultUsable = target != null && CommandRouter.CanPublishTo(target);
                    bool responseUsable = target != null && CommandRouter.CanPublishTo(m.ResponseTopic);
                    if (!resultUsable && !responseUsable)
                    {
                        Xunit.Assert.True(f.Publisher.Count == 0, "no answer for a message that is not a usable command topic: " + m);
                        Xunit.Assert.Equal(received, f.Router.Received);
                        continue;
                    }

                    Xunit.Assert.Equal(received + 1, f.Router.Received);
                    Xunit.Assert.Equal(f.Router.Received, f.Router.Applied + f.Router.Refused);
                    string answerTopic = resultUsable ? f.Topics.CommandResult(target) : m.ResponseTopic;
                    Xunit.Assert.True(f.Publisher.CountOn(answerTopic) == 1, "exactly one answer for " + m);
                    var answer = f.Publisher.LastOn(answerTopic);
                    Xunit.Assert.Equal(1, answer.Qos);
                    Xunit.Assert.False(answer.Retain);
                    if (responseUsable && resultUsable)
                    {
                        var reply = f.Publisher.LastOn(m.ResponseTopic);
                        Xunit.Assert.True(reply != null && reply.Text == answer.Text, "the response topic gets the same answer: " + m);
                        Xunit.Assert.Equal(7, reply.CorrelationData[0]);
                    }

                    using var doc = JsonDocument.Parse(answer.Payload);
                    var root = doc.RootElement;
                    bool ok = root.GetProperty("ok").GetBoolean();
                    if (root.TryGetProperty("id", out var id))
                    {
                        Xunit.Assert.Equal(JsonValueKind.String, id.ValueKind);
                    }

                    string stateTopic = f.Topics.State(target);
                    if (!ok)
                    {
                        refused++;
                        string code = root.GetProperty("code").GetString();
                        Xunit.Assert.Contains(code, AllCodes);
                        Xunit.Assert.False(string.IsNullOrEmpty(root.GetProperty("reason").GetString()));
                        Xunit.Assert.Equal(0, f.Publisher.CountOn(stateTopic));
                        Xunit.Assert.Equal(reboots, f.Actions.Reboots);
                        CheckKnownRefusals(m, code);
                        continue;
                    }

                    applied++;
                    Xunit.Assert.False(m.Retain, "a retained command was run: " + m);
                    Xunit.Assert.True(m.Payload.Length <= 256, "an oversized command was run: " + m);
                    var actuator = f.Bank.Find(target);
                    if (actuator == null)
                    {
                        Xunit.Assert.Equal("device", target);
                        continue;
                    }

                    var state = f.Publisher.LastOn(stateTopic);
                    Xunit.Assert.True(state != null && state.Retain && state.Qos == 1, "an applied command echoes its state: " + m);
                    string expected = actuator.IsDigital ? (actuator.Duty > 0 ? "on" : "off") : (actuator.Duty / 100.0).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    Xunit.Assert.Equal(expected, state.Text);
                }
            }, iter: 10_000, threads: 1, print: b => string.Join("\n", b.Select(x => x.ToString())));

            Xunit.Assert.True(messages >= 10_000, "messages: " + messages);
            Xunit.Assert.True(refused > messages / 4, "mostly bad input is expected, refused " + refused + " of " + messages);
            Xunit.Assert.True(applied > 300, "some commands should be applied, got " + applied);
        }

        /// <summary>The refusals that can be predicted from the input alone, in the router's order.</summary>
        private static void CheckKnownRefusals(Inbound m, string code)
        {
            if (m.Retain)
            {
                Xunit.Assert.Equal(CommandErrors.Retained, code);
            }
            else if (m.Payload.Length > 256)
            {
                Xunit.Assert.Equal(CommandErrors.PayloadTooLarge, code);
            }
            else if (!IsUtf8(m.Payload))
            {
                Xunit.Assert.Equal(CommandErrors.BadEncoding, code);
            }
        }

        [Fact]
        public void InvalidUtf8AndOversizedPayloadsAreAlwaysRefused()
        {
            var gen = Gen.Select(Bytes(600), Gen.Int[0, 2]);
            gen.Sample((bytes, t) =>
            {
                var f = new RouterFixture();
                string target = t == 0 ? "relay1" : t == 1 ? "fan" : "device";
                f.SendBytes(f.Topics.Command(target), bytes);
                string answer = f.Answer(target);
                if (bytes.Length > 256)
                {
                    Xunit.Assert.StartsWith("{\"ok\":false,\"code\":\"payload_too_large\"", answer);
                }
                else if (!IsUtf8(bytes))
                {
                    Xunit.Assert.StartsWith("{\"ok\":false,\"code\":\"bad_encoding\"", answer);
                }
                else
                {
                    Xunit.Assert.NotNull(answer);
                }
            }, iter: 10_000, threads: 1);
        }

        /// <summary>
        /// The reader takes exactly the texts System.Text.Json reads as an object of scalar members
        /// (escaped surrogates aside, which it checks more strictly); anything nested it refuses.
        /// </summary>
        [Fact]
        public void JsonReaderAgreesWithSystemTextJsonOnFlatObjects()
        {
            var gen = Gen.Frequency<string>(
                (4, GenNearJson),
                (1, Gen.String[Gen.Char[JsonNoise], 0, 30]),
                (1, Gen.String[0, 40]));
            gen.Sample(text =>
            {
                var reader = new JsonReader(100_000);
                char[] chars = text.ToCharArray();
                reader.Reset(chars, 0, chars.Length);
                int steps = 0;
                while (reader.Next())
                {
                    Xunit.Assert.True(++steps <= text.Length + 1, "the reader must make progress");
                }

                bool ours = reader.Error == null && reader.Kind != JsonKind.Nested;
                if (text.Contains("\\u", StringComparison.Ordinal) || text.Any(char.IsSurrogate))
                {
                    return;
                }

                bool theirs;
                try
                {
                    using var doc = JsonDocument.Parse(text);
                    theirs = doc.RootElement.ValueKind == JsonValueKind.Object
                        && doc.RootElement.EnumerateObject().All(p => p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array));
                }
                catch (JsonException)
                {
                    theirs = false;
                }

                Xunit.Assert.True(ours == theirs, $"'{text}': ours {ours} ({reader.Error}), System.Text.Json {theirs}");
            }, iter: 10_000, threads: 1);
        }

        /// <summary>Random bytes of every value (each char of the string stands for one byte).</summary>
        private static Gen<byte[]> Bytes(int max) =>
            Gen.String[Gen.Char[(char)0, (char)255], 0, max].Select(s => s.Select(c => (byte)c).ToArray());

        private static bool IsUtf8(byte[] bytes)
        {
            try
            {
                new UTF8Encoding(false, true).GetString(bytes);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private static string Preview(byte[] payload)
        {
            string s = Encoding.UTF8.GetString(payload, 0, Math.Min(payload.Length, 80));
            return s.Replace("\n", "\\n");
        }
    }
}
