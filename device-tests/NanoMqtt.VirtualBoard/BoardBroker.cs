using System.Collections;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>
    /// The MQTT link and the broker behind it, in one acknowledging model that keeps counters only: for each
    /// telemetry stream the last sequence number seen (a jump is a gap, a repeat a duplicate), for the command
    /// answers the last id. Commands are numbered, so the broker's queue of commands for an absent device is
    /// two counters (issued, delivered), as a persistent session keeps them. Nothing here grows with the day.
    /// </summary>
    internal sealed class BoardBroker : IMqttLink
    {
        private static readonly byte[] SeqKey = Utf8.GetBytes("\"seq\":");
        private static readonly byte[] IdKey = Utf8.GetBytes("\"id\":\"c");
        private static readonly byte[] OkKey = Utf8.GetBytes("\"ok\":true");

        private readonly ArrayList _events = new ArrayList();
        private readonly string[] _streams;
        private readonly long[] _lastSeq;
        private readonly long[] _streamReadings;
        private readonly string _commandTopic;
        private readonly string _resultTopic;

        private bool _connected;
        private bool _subscribed;
        private bool _sessionExists;
        private bool _refusing;
        private bool _dropArmed;
        private int _nextPacketId;

        public BoardBroker(Topics topics, string[] streams, string actuator)
        {
            _streams = new string[streams.Length];
            for (int i = 0; i < streams.Length; i++)
            {
                _streams[i] = topics.Telemetry(streams[i]);
            }

            _lastSeq = new long[streams.Length];
            _streamReadings = new long[streams.Length];
            _commandTopic = topics.Command(actuator);
            _resultTopic = topics.CommandResult(actuator);
        }

        /// <summary>True while gaps count as the outbox's overflow (the drain after the outage) rather than as losses.</summary>
        public bool Draining;

        public bool Connected
        {
            get { return _connected; }
        }

        public long Readings { get; private set; }

        public long Duplicates { get; private set; }

        public long GapsWhileDraining { get; private set; }

        public long GapsOtherwise { get; private set; }

        /// <summary>Telemetry the broker received whose PUBACK the dropped connection lost: each is sent again.</summary>
        public long LostAcks { get; private set; }

        public long CommandsIssued { get; private set; }

        public long CommandsDelivered { get; private set; }

        public long CommandsDiscarded { get; private set; }

        public long Answered { get; private set; }

        public long AnsweredOk { get; private set; }

        public long AnswersMissing { get; private set; }

        public long AnswerDuplicates { get; private set; }

        public long Publishes { get; private set; }

        public long Connects { get; private set; }

        public long Refusals { get; private set; }

        public long Drops { get; private set; }

        public long StreamReadings(int stream)
        {
            return _streamReadings[stream];
        }

        public long LastSeq(int stream)
        {
            return _lastSeq[stream];
        }

        /// <summary>The connection drops right after the next reading reaches the broker, before its PUBACK.</summary>
        public void ArmDrop()
        {
            _dropArmed = true;
        }

        /// <summary>The broker goes away: the connection ends and every attempt is refused until <see cref="EndOutage"/>.</summary>
        public void BeginOutage()
        {
            _refusing = true;
            if (_connected)
            {
                Lose();
            }
        }

        public void EndOutage()
        {
            _refusing = false;
        }

        /// <summary>A client sends a command; it waits in the session while the device is away.</summary>
        public void IssueCommand()
        {
            CommandsIssued++;
        }

        public void BeginConnect(ConnectRequest request)
        {
            var e = new LinkEvent(LinkEventKind.ConnectFailed);
            if (_refusing)
            {
                Refusals++;
                e.Failure = LinkFailure.Refused;
                _events.Add(e);
                return;
            }

            if (request.CleanSession)
            {
                // A clean session forgets the subscription and the commands waiting in it.
                CommandsDiscarded += CommandsIssued - CommandsDelivered;
                CommandsDelivered = CommandsIssued;
                _subscribed = false;
                _sessionExists = false;
            }

            Connects++;
            _connected = true;
            e.Kind = LinkEventKind.Connected;
            e.SessionPresent = _sessionExists;
            _sessionExists = true;
            _events.Add(e);
        }

        public bool Subscribe(string[] topics, int[] qos)
        {
            if (!_connected)
            {
                return false;
            }

            _subscribed = true;
            _events.Add(new LinkEvent(LinkEventKind.Subscribed));
            return true;
        }

        public int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, byte[] correlationData)
        {
            if (!_connected)
            {
                return -1;
            }

            Publishes++;
            bool reading = Count(topic, payload, offset, offset + count);
            if (qos == 0)
            {
                return 0;
            }

            _nextPacketId = _nextPacketId >= 65535 ? 1 : _nextPacketId + 1;
            if (reading && _dropArmed)
            {
                _dropArmed = false;
                LostAcks++;
                Lose();
                return _nextPacketId;
            }

            var ack = new LinkEvent(LinkEventKind.PublishAcked);
            ack.PacketId = _nextPacketId;
            _events.Add(ack);
            return _nextPacketId;
        }

        public void Ping()
        {
            if (_connected)
            {
                _events.Add(new LinkEvent(LinkEventKind.Pong));
            }
        }

        public void Disconnect()
        {
            _connected = false;
            _events.Clear();
        }

        public void Abort()
        {
            _connected = false;
            _events.Clear();
        }

        public LinkEvent Poll()
        {
            if (_events.Count > 0)
            {
                var e = (LinkEvent)_events[0];
                _events.RemoveAt(0);
                return e;
            }

            if (_connected && _subscribed && CommandsDelivered < CommandsIssued)
            {
                CommandsDelivered++;
                var message = new LinkEvent(LinkEventKind.MessageReceived);
                message.Topic = _commandTopic;
                message.Payload = CommandPayload(CommandsDelivered);
                return message;
            }

            return null;
        }

        /// <summary>{"id":"c7","value":"on"}: odd numbers switch the relay on, even ones off.</summary>
        private static byte[] CommandPayload(long n)
        {
            return Utf8.GetBytes("{\"id\":\"c" + n.ToString() + "\",\"value\":\"" + (n % 2 == 1 ? "on" : "off") + "\"}");
        }

        private void Lose()
        {
            // Acknowledgements already sent arrive before the loss; nothing after it does.
            Drops++;
            _connected = false;
            var lost = new LinkEvent(LinkEventKind.ConnectionLost);
            lost.Failure = LinkFailure.ConnectionClosed;
            _events.Add(lost);
        }

        /// <summary>Counts a received message; true when it is a reading.</summary>
        private bool Count(string topic, byte[] payload, int start, int end)
        {
            for (int i = 0; i < _streams.Length; i++)
            {
                if (topic == _streams[i])
                {
                    CountReading(i, NumberAfter(payload, start, end, SeqKey));
                    return true;
                }
            }

            if (topic == _resultTopic)
            {
                CountAnswer(NumberAfter(payload, start, end, IdKey), IndexOf(payload, start, end, OkKey) >= 0);
            }

            return false;
        }

        private void CountReading(int stream, long seq)
        {
            long last = _lastSeq[stream];
            if (seq <= last)
            {
                Duplicates++;
                return;
            }

            if (seq > last + 1)
            {
                if (Draining)
                {
                    GapsWhileDraining += seq - last - 1;
                }
                else
                {
                    GapsOtherwise += seq - last - 1;
                }
            }

            _lastSeq[stream] = seq;
            _streamReadings[stream]++;
            Readings++;
        }

        private void CountAnswer(long id, bool ok)
        {
            long last = Answered + AnswersMissing;
            if (id <= last)
            {
                AnswerDuplicates++;
                return;
            }

            AnswersMissing += id - last - 1;
            Answered++;
            if (ok)
            {
                AnsweredOk++;
            }
        }

        /// <summary>The decimal number right after key in the payload, or -1.</summary>
        private static long NumberAfter(byte[] payload, int start, int end, byte[] key)
        {
            int at = IndexOf(payload, start, end, key);
            if (at < 0)
            {
                return -1;
            }

            long n = 0;
            for (int i = at + key.Length; i < end && payload[i] >= (byte)'0' && payload[i] <= (byte)'9'; i++)
            {
                n = n * 10 + (payload[i] - (byte)'0');
            }

            return n;
        }

        private static int IndexOf(byte[] payload, int start, int end, byte[] key)
        {
            for (int i = start; i + key.Length <= end; i++)
            {
                int j = 0;
                while (j < key.Length && payload[i + j] == key[j])
                {
                    j++;
                }

                if (j == key.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
