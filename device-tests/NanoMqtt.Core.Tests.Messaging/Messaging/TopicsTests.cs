using NanoMqtt.Core.Messaging;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Messaging
{
    [TestClass]
    public class TopicsTests
    {
        [TestMethod]
        public void BuildsTheSchemeFromPrefixAndId()
        {
            var topics = new Topics("nanomqtt", "dev1");
            Assert.AreEqual("nanomqtt/dev1/status", topics.Status);
            Assert.AreEqual("nanomqtt/dev1/diag", topics.Diag);
            Assert.AreEqual("nanomqtt/dev1/error", topics.Error);
            Assert.AreEqual("nanomqtt/dev1/cmd/+", topics.CommandFilter);
            Assert.AreEqual("nanomqtt/dev1/telemetry/temp", topics.Telemetry("temp"));
            Assert.AreEqual("nanomqtt/dev1/state/relay1", topics.State("relay1"));
            Assert.AreEqual("nanomqtt/dev1/cmd/relay1/result", topics.CommandResult("relay1"));
        }

        [TestMethod]
        public void FindsTheCommandTarget()
        {
            string topic = "nanomqtt/dev1/cmd/relay1";
            Assert.AreEqual("relay1", topic.Substring(new Topics("nanomqtt", "dev1").CommandTargetStart(topic)));
        }

        // No null in a DataRow: nanoFramework's MetadataProcessor crashes on it.
        [TestMethod]
        [DataRow("nanomqtt/dev1/cmd/relay1/result")]
        [DataRow("nanomqtt/dev2/cmd/relay1")]
        [DataRow("nanomqtt/dev1/cmd/")]
        [DataRow("nanomqtt/dev1/state/relay1")]
        public void FindsNoTargetInAnotherTopic(string topic)
        {
            Assert.AreEqual(-1, new Topics("nanomqtt", "dev1").CommandTargetStart(topic));
        }

        [TestMethod]
        [DataRow("dev+1")]
        [DataRow("dev#")]
        [DataRow("a/b")]
        [DataRow("")]
        [DataRow("with space")]
        public void RefusesAnIdThatIsNotOneTopicLevel(string id)
        {
            Assert.IsNotNull(Topics.CheckSegment(id, "device id"));
            Assert.ThrowsException(typeof(System.ArgumentException), () => new Topics("nanomqtt", id));
        }
    }
}
