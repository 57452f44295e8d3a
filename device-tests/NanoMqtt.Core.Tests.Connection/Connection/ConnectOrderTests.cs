using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Connection
{
    [TestClass]
    public class ConnectOrderTests
    {
        [TestMethod]
        public void ConnectRequestCarriesWillPersistentSessionAndCredentials()
        {
            var rig = new SupervisorRig();
            rig.Options.Endpoints = new BrokerEndpoint[] { new BrokerEndpoint("mqtt.example", 8883, true) };
            rig.Options.Username = "user";
            rig.Options.Password = "secret";
            rig.Options.ProtocolVersion = 5;
            rig.Options.KeepAliveSeconds = 20;
            rig.Options.SessionExpirySeconds = 7200;
            rig.Options.MaxInboundPacketBytes = 1280;
            // TLS waits for the wall time (TlsTimeTests); here it is known.
            rig.Clock.UnixSeconds = 1767225600;
            rig.Build();
            rig.RunUntil(10);

            ConnectRequest r = rig.Link.LastConnectRequest;
            Assert.IsNotNull(r);
            Assert.AreEqual("mqtt.example", r.Host);
            Assert.AreEqual(8883, r.Port);
            Assert.IsTrue(r.UseTls);
            Assert.AreEqual("dev1", r.ClientId, "the client id defaults to the device id");
            Assert.AreEqual("user", r.Username);
            Assert.AreEqual("secret", r.Password);
            Assert.AreEqual(5, r.ProtocolVersion);
            Assert.IsFalse(r.CleanSession, "the session must persist");
            Assert.AreEqual(7200, r.SessionExpirySeconds);
            Assert.AreEqual(20, r.KeepAliveSeconds);
            Assert.AreEqual(1280, r.MaxPacketBytes);
            Assert.AreEqual("nanomqtt/dev1/status", r.WillTopic);
            Assert.AreEqual("offline", Utf8.GetString(r.WillPayload, 0, r.WillPayload.Length));
            Assert.IsTrue(r.WillRetain);
            Assert.AreEqual(1, r.WillQos);
        }

        [TestMethod]
        public void ClientIdFromOptionsWins()
        {
            var rig = new SupervisorRig();
            rig.Options.ClientId = "custom-client";
            rig.Build();
            rig.RunUntil(10);
            Assert.AreEqual("custom-client", rig.Link.LastConnectRequest.ClientId);
        }

        [TestMethod]
        public void ConnectThenSubscribeThenBirthThenOutboxDrain()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.Link.AutoConnect = false;
            // Queued while offline: they must follow the birth, in order.
            Assert.IsTrue(rig.Supervisor.Publish("nanomqtt/dev1/telemetry/t", Utf8.GetBytes("m1"), 1, false, null));
            Assert.IsTrue(rig.Supervisor.Publish("nanomqtt/dev1/telemetry/t", Utf8.GetBytes("m2"), 1, false, null));
            rig.RunUntil(10);
            Assert.AreEqual(ConnectionState.Connecting, rig.Supervisor.State);

            rig.Link.AutoSubAck = false;
            rig.Link.CompleteConnect(false);
            rig.RunUntil(20);
            Assert.AreEqual(ConnectionState.Connected, rig.Supervisor.State, "waits for the SUBACK");
            Assert.AreEqual(0, rig.Link.Publishes.Count, "nothing is published before the SUBACK");
            Assert.IsFalse(rig.Supervisor.IsOnline);

            rig.Link.SendSubAck();
            rig.RunUntil(30);
            Assert.IsTrue(rig.Supervisor.IsOnline);

            Assert.AreEqual("connect broker-a:1883", (string)rig.Link.Log[0]);
            Assert.AreEqual("subscribe nanomqtt/dev1/cmd/+", (string)rig.Link.Log[1]);
            Assert.AreEqual("publish nanomqtt/dev1/status online", (string)rig.Link.Log[2]);
            Assert.AreEqual("publish nanomqtt/dev1/telemetry/t m1", (string)rig.Link.Log[3]);
            Assert.AreEqual("publish nanomqtt/dev1/telemetry/t m2", (string)rig.Link.Log[4]);
            FakePublish birth = rig.Link.PublishAt(0);
            Assert.IsTrue(birth.Retain, "birth is retained");
            Assert.AreEqual(1, birth.Qos);
            Assert.AreEqual(0, rig.Supervisor.Outbox.Count, "acked messages leave the outbox");
        }

        [TestMethod]
        public void StatesFollowTheDesignOrder()
        {
            var rig = new SupervisorRig();
            rig.Network.IsUp = false;
            rig.Jitter = FakeJitter.AlwaysZero();
            rig.Build();
            Assert.AreEqual(ConnectionState.WifiDown, rig.Supervisor.State);
            rig.Link.AutoConnect = false;
            rig.Link.AutoSubAck = false;
            rig.RunUntil(1000);
            Assert.AreEqual(ConnectionState.WifiDown, rig.Supervisor.State);
            Assert.IsTrue(rig.Network.RequestUpCount >= 1, "asks the shell for the network");
            rig.Network.IsUp = true;
            rig.RunUntil(2000);
            Assert.AreEqual(ConnectionState.Connecting, rig.Supervisor.State);
            rig.Link.CompleteConnect(true);
            rig.RunFor(1);
            Assert.AreEqual(ConnectionState.Connected, rig.Supervisor.State);
            rig.Link.SendSubAck();
            rig.RunFor(1);
            Assert.AreEqual(ConnectionState.Online, rig.Supervisor.State);
            Assert.IsTrue(rig.Supervisor.SessionPresent);
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void ResubscribesAfterEveryReconnectWhateverTheSession(bool sessionPresent)
        {
            var rig = new SupervisorRig();
            rig.Link.SessionPresentOnConnect = sessionPresent;
            rig.Build();
            Assert.IsTrue(rig.RunUntilOnline(1000));
            for (int i = 0; i < 3; i++)
            {
                rig.Link.DropConnection(LinkFailure.ConnectionClosed);
                rig.RunFor(1);
                Assert.IsFalse(rig.Supervisor.IsOnline);
                Assert.IsTrue(rig.RunUntilOnline(rig.Clock.NowMs + 120000), "back online after drop " + i);
            }

            Assert.AreEqual(4, rig.Link.ConnectRequests.Count);
            Assert.AreEqual(4, rig.Link.Subscriptions.Count, "one subscribe per connect");
            Assert.AreEqual(4, rig.Link.PublishCountOn("nanomqtt/dev1/status"), "one birth per connect");
            Assert.AreEqual(3, rig.Supervisor.Stats.Reconnects);
            Assert.AreEqual(LinkFailure.ConnectionClosed, rig.Supervisor.Stats.LastDisconnect);
        }

        [TestMethod]
        public void ObserversHearOnlineAndOffline()
        {
            var rig = new SupervisorRig();
            rig.Link.SessionPresentOnConnect = true;
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.Link.DropConnection(LinkFailure.ConnectionClosed);
            rig.RunFor(1);
            Assert.AreEqual(2, rig.Observer.Log.Count);
            Assert.AreEqual("online true", (string)rig.Observer.Log[0]);
            Assert.AreEqual("offline connection_closed", (string)rig.Observer.Log[1]);
        }

        [TestMethod]
        public void ObserverMayPublishOnOnlineAfterTheQueuedMessages()
        {
            var rig = new SupervisorRig();
            rig.Build();
            var echo = new PublishingObserver(rig.Supervisor);
            rig.Supervisor.AddObserver(echo);
            rig.Supervisor.Publish("nanomqtt/dev1/telemetry/t", Utf8.GetBytes("old"), 1, false, null);
            rig.RunUntilOnline(1000);
            int old = rig.Link.IndexInLog("publish nanomqtt/dev1/telemetry/t old");
            int state = rig.Link.IndexInLog("publish nanomqtt/dev1/state/relay on");
            Assert.IsTrue(old > 0 && state > old, "queued message first, then the echo");
        }

        [TestMethod]
        public void InboundMessagesGoToTheSink()
        {
            var rig = new SupervisorRig();
            rig.Build();
            rig.RunUntilOnline(1000);
            rig.Link.InjectMessage("nanomqtt/dev1/cmd/relay", "on");
            rig.RunFor(1);
            Assert.AreEqual(1, rig.Sink.Messages.Count);
            Assert.AreEqual("nanomqtt/dev1/cmd/relay", rig.Sink.At(0).Topic);
        }

        [TestMethod]
        public void MessagesArrivingBeforeTheSubAckAreDeliveredToo()
        {
            var rig = new SupervisorRig();
            rig.Link.AutoSubAck = false;
            rig.Build();
            rig.RunUntil(10);
            Assert.AreEqual(ConnectionState.Connected, rig.Supervisor.State);
            // A persistent session delivers what was queued for the device right after CONNACK.
            rig.Link.InjectMessage("nanomqtt/dev1/cmd/relay", "off");
            rig.RunFor(1);
            Assert.AreEqual(1, rig.Sink.Messages.Count);
        }

        [TestMethod]
        public void NoEndpointIsAConfigErrorAndNoAttempt()
        {
            var rig = new SupervisorRig();
            rig.Options.Endpoints = new BrokerEndpoint[0];
            rig.Build();
            rig.RunUntil(600000);
            Assert.AreEqual(0, rig.Link.ConnectRequests.Count);
            Assert.Contains("endpoint", rig.Supervisor.ConfigError);
        }

        [TestMethod]
        public void BadPublishArgumentsAreRefusedNotThrown()
        {
            var rig = new SupervisorRig();
            rig.Build();
            Assert.IsFalse(rig.Supervisor.Publish(null, new byte[1], 1, false, null));
            Assert.IsFalse(rig.Supervisor.Publish("", new byte[1], 1, false, null));
            Assert.IsFalse(rig.Supervisor.Publish("t", new byte[1], 3, false, null));
            Assert.IsTrue(rig.Supervisor.Publish("t", null, 1, false, null), "a null payload is an empty message");
        }

        private sealed class PublishingObserver : ISessionObserver
        {
            private readonly IPublisher _publisher;

            public PublishingObserver(IPublisher publisher)
            {
                _publisher = publisher;
            }

            public void OnOnline(bool sessionPresent)
            {
                _publisher.Publish("nanomqtt/dev1/state/relay", Utf8.GetBytes("on"), 1, true, null);
            }

            public void OnOffline(LinkFailure reason)
            {
            }
        }
    }
}
