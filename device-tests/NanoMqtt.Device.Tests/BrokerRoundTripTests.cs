using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using nanoFramework.TestFramework;
using NanoMqtt.Core.Config;
using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Messaging;

namespace NanoMqtt.Device.Tests
{
    /// <summary>
    /// A message goes to the first broker of nf.config and comes back: connect (TLS and MQTT version as
    /// configured), subscribe, publish at QoS 1, receive the same bytes, get the PUBACK. Uses the topic
    /// {prefix}/{id}/hil/echo and the client id {id}-hil, so a running device with the same id is not
    /// kicked off the broker.
    /// </summary>
    [TestClass]
    public class BrokerRoundTripTests
    {
        [TestMethod]
        public void PublishedMessageComesBackFromTheBroker()
        {
            DeviceConfig config = RigSettings.Load();
            Assert.IsTrue(Rig.JoinWifi(config), "no Wi-Fi: run WifiTests first");

            BrokerEndpoint broker = config.Supervisor.Endpoints[0];
            X509Certificate ca = null;
            if (broker.UseTls)
            {
                Assert.IsTrue(File.Exists(RigSettings.CaCertificatePath), "tls = true but no " + RigSettings.CaCertificatePath + " on the board");
                ca = new X509Certificate(File.ReadAllText(RigSettings.CaCertificatePath));
            }

            string topic = config.Prefix + "/" + config.DeviceId + "/hil/echo";
            byte[] payload = Utf8.GetBytes("hil " + DateTime.UtcNow.Ticks.ToString());
            var received = new AutoResetEvent(false);
            var acked = new AutoResetEvent(false);
            var subscribed = new AutoResetEvent(false);
            var echo = new byte[1][];

            var client = new MqttClient(broker.Host, broker.Port, broker.UseTls, ca, null,
                broker.UseTls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            try
            {
                client.ProtocolVersion = config.Supervisor.ProtocolVersion == 5 ? MqttProtocolVersion.Version_5 : MqttProtocolVersion.Version_3_1_1;
                client.MqttMsgSubscribed += (sender, e) => subscribed.Set();
                client.MqttMsgPublished += (sender, e) =>
                {
                    if (e.IsPublished)
                    {
                        acked.Set();
                    }
                };
                client.MqttMsgPublishReceived += (sender, e) =>
                {
                    if (e.Topic == topic)
                    {
                        echo[0] = e.Message;
                        received.Set();
                    }
                };

                MqttReasonCode code = client.Connect(config.DeviceId + "-hil", config.Supervisor.Username, config.Supervisor.Password, false, MqttQoSLevel.AtMostOnce,
                    false, null, null, true, 30);
                Assert.AreEqual(0, (int)code, "the broker refused the connection (reason code " + ((int)code).ToString() + "): 4 or 0x86 is a bad user or password");

                client.Subscribe(new string[] { topic }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                Assert.IsTrue(subscribed.WaitOne(10000, false), "no SUBACK within 10 s");

                client.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, false);
                Assert.IsTrue(acked.WaitOne(10000, false), "no PUBACK within 10 s");
                Assert.IsTrue(received.WaitOne(10000, false), "the message did not come back within 10 s: does the broker's ACL allow " + topic + "?");
                Assert.AreEqual(payload.Length, echo[0].Length, "echo length");
                for (int i = 0; i < payload.Length; i++)
                {
                    Assert.AreEqual(payload[i], echo[0][i], "echo byte " + i.ToString());
                }

                client.Disconnect();
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
