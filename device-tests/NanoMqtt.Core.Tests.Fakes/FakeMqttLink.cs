using System.Collections;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Core.Tests.Fakes
{
    /// <summary>One PUBLISH handed to a <see cref="FakeMqttLink"/>.</summary>
    public sealed class FakePublish
    {
        public string Topic;
        public byte[] Payload;
        public int Qos;
        public bool Retain;
        public byte[] CorrelationData;

        /// <summary>The packet id the link returned (0 for QoS 0).</summary>
        public int PacketId;

        public string Text
        {
            get { return Payload == null ? null : Utf8.GetString(Payload, 0, Payload.Length); }
        }
    }

    /// <summary>
    /// An <see cref="IMqttLink"/> under the test's control. By default it behaves as a healthy broker: a
    /// connect succeeds, and subscribes, QoS 1/2 publishes and pings are answered. Each answer is queued
    /// as a <see cref="LinkEvent"/> at the call, and the core takes it at its next Poll. Turn the Auto*
    /// switches off to answer by hand (CompleteConnect, FailConnect, AckPublish, SendSubAck, SendPong),
    /// set <see cref="ConnectFailure"/> to refuse every connect with that reason, <see cref="GoSilent"/>
    /// to model a half-open link, and DropConnection / InjectMessage for the broker's side.
    /// Every call is recorded, and <see cref="Log"/> keeps their order as short lines:
    /// "connect host:port", "subscribe filter,filter", "publish topic payload", "ping", "disconnect", "abort".
    /// </summary>
    public sealed class FakeMqttLink : IMqttLink
    {
        private readonly ArrayList _events = new ArrayList();
        private int _nextPacketId;

        public FakeMqttLink()
        {
            AutoConnect = true;
            AutoSubAck = true;
            AutoAck = true;
            AutoPong = true;
            ConnectRequests = new ArrayList();
            Publishes = new ArrayList();
            Subscriptions = new ArrayList();
            Log = new ArrayList();
        }

        /// <summary>Answer BeginConnect at once (Connected, or ConnectFailed with <see cref="ConnectFailure"/>).</summary>
        public bool AutoConnect { get; set; }

        /// <summary>When not None, auto-connects fail with this reason.</summary>
        public LinkFailure ConnectFailure { get; set; }

        /// <summary>When set, auto-connects to this host fail as Refused (a stopped cluster node), whatever <see cref="ConnectFailure"/> says.</summary>
        public string RefusedHost { get; set; }

        /// <summary>SessionPresent of the auto-connect's CONNACK.</summary>
        public bool SessionPresentOnConnect { get; set; }

        public bool AutoSubAck { get; set; }

        /// <summary>Acknowledge QoS 1/2 publishes at once.</summary>
        public bool AutoAck { get; set; }

        public bool AutoPong { get; set; }

        /// <summary>Publish returns -1 (the link's buffer is full).</summary>
        public bool RefusePublishes { get; set; }

        /// <summary>True between a Connected answer and a drop, Disconnect or Abort.</summary>
        public bool IsConnected { get; private set; }

        /// <summary>A BeginConnect not answered yet.</summary>
        public bool ConnectPending { get; private set; }

        /// <summary>Every <see cref="ConnectRequest"/> passed to BeginConnect, in order.</summary>
        public ArrayList ConnectRequests { get; private set; }

        /// <summary>Every <see cref="FakePublish"/> accepted, in order.</summary>
        public ArrayList Publishes { get; private set; }

        /// <summary>Every string[] of filters passed to Subscribe, in order.</summary>
        public ArrayList Subscriptions { get; private set; }

        /// <summary>Every call in order, as short lines (see the class summary).</summary>
        public ArrayList Log { get; private set; }

        public int PingCount { get; private set; }

        public int DisconnectCount { get; private set; }

        public int AbortCount { get; private set; }

        /// <summary>Events queued and not yet polled.</summary>
        public int PendingEvents
        {
            get { return _events.Count; }
        }

        public ConnectRequest LastConnectRequest
        {
            get { return ConnectRequests.Count == 0 ? null : (ConnectRequest)ConnectRequests[ConnectRequests.Count - 1]; }
        }

        public FakePublish PublishAt(int index)
        {
            return (FakePublish)Publishes[index];
        }

        /// <summary>The last publish to this topic, or null.</summary>
        public FakePublish LastPublishOn(string topic)
        {
            for (int i = Publishes.Count - 1; i >= 0; i--)
            {
                var p = (FakePublish)Publishes[i];
                if (p.Topic == topic)
                {
                    return p;
                }
            }

            return null;
        }

        /// <summary>How many publishes went to this topic.</summary>
        public int PublishCountOn(string topic)
        {
            int n = 0;
            for (int i = 0; i < Publishes.Count; i++)
            {
                if (((FakePublish)Publishes[i]).Topic == topic)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Index in <see cref="Log"/> of the first line that starts with the text, or -1.</summary>
        public int IndexInLog(string start)
        {
            for (int i = 0; i < Log.Count; i++)
            {
                if (((string)Log[i]).StartsWith(start))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Stops answering anything (a half-open link): no acks, no pongs, no SUBACK. The link still looks connected.</summary>
        public void GoSilent()
        {
            AutoSubAck = false;
            AutoAck = false;
            AutoPong = false;
        }

        public void BeginConnect(ConnectRequest request)
        {
            ConnectRequests.Add(request);
            Log.Add("connect " + request.Host + ":" + request.Port);
            IsConnected = false;
            ConnectPending = true;
            if (!AutoConnect)
            {
                return;
            }

            if (RefusedHost != null && request.Host == RefusedHost)
            {
                FailConnect(LinkFailure.Refused);
            }
            else if (ConnectFailure != LinkFailure.None)
            {
                FailConnect(ConnectFailure);
            }
            else
            {
                CompleteConnect(SessionPresentOnConnect);
            }
        }

        public bool Subscribe(string[] topics, int[] qos)
        {
            if (!IsConnected)
            {
                return false;
            }

            Subscriptions.Add(topics);
            string line = "subscribe ";
            for (int i = 0; i < topics.Length; i++)
            {
                line += (i > 0 ? "," : "") + topics[i];
            }

            Log.Add(line);
            if (AutoSubAck)
            {
                SendSubAck();
            }

            return true;
        }

        public int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, byte[] correlationData)
        {
            if (!IsConnected || RefusePublishes)
            {
                return -1;
            }

            FakePublish p = new FakePublish();
            p.Topic = topic;
            // A copy: the payload may lie in the outbox's ring, which is reused.
            p.Payload = new byte[count];
            if (count > 0)
            {
                System.Array.Copy(payload, offset, p.Payload, 0, count);
            }

            p.Qos = qos;
            p.Retain = retain;
            p.CorrelationData = correlationData;
            if (qos > 0)
            {
                _nextPacketId = _nextPacketId >= 65535 ? 1 : _nextPacketId + 1;
                p.PacketId = _nextPacketId;
            }

            Publishes.Add(p);
            Log.Add("publish " + topic + " " + p.Text);
            if (qos > 0 && AutoAck)
            {
                AckPublish(p.PacketId);
            }

            return p.PacketId;
        }

        public void Ping()
        {
            PingCount++;
            Log.Add("ping");
            if (AutoPong && IsConnected)
            {
                SendPong();
            }
        }

        public void Disconnect()
        {
            DisconnectCount++;
            Log.Add("disconnect");
            IsConnected = false;
            ConnectPending = false;
        }

        public void Abort()
        {
            AbortCount++;
            Log.Add("abort");
            IsConnected = false;
            ConnectPending = false;
        }

        public LinkEvent Poll()
        {
            if (_events.Count == 0)
            {
                return null;
            }

            LinkEvent e = (LinkEvent)_events[0];
            _events.RemoveAt(0);
            return e;
        }

        /// <summary>The broker accepted the pending connect.</summary>
        public void CompleteConnect(bool sessionPresent)
        {
            ConnectPending = false;
            IsConnected = true;
            LinkEvent e = new LinkEvent(LinkEventKind.Connected);
            e.SessionPresent = sessionPresent;
            _events.Add(e);
        }

        /// <summary>The pending connect failed.</summary>
        public void FailConnect(LinkFailure reason)
        {
            ConnectPending = false;
            IsConnected = false;
            LinkEvent e = new LinkEvent(LinkEventKind.ConnectFailed);
            e.Failure = reason;
            _events.Add(e);
        }

        public void SendSubAck()
        {
            _events.Add(new LinkEvent(LinkEventKind.Subscribed));
        }

        public void AckPublish(int packetId)
        {
            LinkEvent e = new LinkEvent(LinkEventKind.PublishAcked);
            e.PacketId = packetId;
            _events.Add(e);
        }

        /// <summary>Acknowledges every QoS 1/2 publish recorded so far (duplicate acks are harmless to the core).</summary>
        public void AckAll()
        {
            for (int i = 0; i < Publishes.Count; i++)
            {
                FakePublish p = (FakePublish)Publishes[i];
                if (p.PacketId > 0)
                {
                    AckPublish(p.PacketId);
                }
            }
        }

        public void SendPong()
        {
            _events.Add(new LinkEvent(LinkEventKind.Pong));
        }

        /// <summary>An inbound PUBLISH from the broker (not retained).</summary>
        public void InjectMessage(string topic, string payload)
        {
            InjectMessage(topic, payload, false);
        }

        /// <summary>An inbound PUBLISH; retain true models a retained message replayed at subscribe time.</summary>
        public void InjectMessage(string topic, string payload, bool retain)
        {
            LinkEvent e = new LinkEvent(LinkEventKind.MessageReceived);
            e.Topic = topic;
            e.Payload = payload == null ? null : Utf8.GetBytes(payload);
            e.Retain = retain;
            _events.Add(e);
        }

        /// <summary>Queues any event as it is, for cases the helpers above do not cover.</summary>
        public void Enqueue(LinkEvent e)
        {
            _events.Add(e);
        }

        /// <summary>The connection ended (broker closed it, socket error...).</summary>
        public void DropConnection(LinkFailure reason)
        {
            IsConnected = false;
            LinkEvent e = new LinkEvent(LinkEventKind.ConnectionLost);
            e.Failure = reason;
            _events.Add(e);
        }
    }
}
