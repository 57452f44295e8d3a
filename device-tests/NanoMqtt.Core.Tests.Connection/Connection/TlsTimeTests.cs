using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Diagnostics;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Connection
{
    /// <summary>
    /// mbedTLS checks certificate dates, so a TLS attempt before SNTP has set the clock fails for certain.
    /// The supervisor holds it back and says why (time_unknown) instead of burning attempts.
    /// </summary>
    [TestClass]
    public class TlsTimeTests
    {
        private const long Wall = 1767225600;

        [TestMethod]
        public void ATlsAttemptWaitsForTheWallTime()
        {
            var rig = TlsRig();
            rig.Build();
            rig.RunUntil(60000);
            Assert.AreEqual(0, rig.Link.ConnectRequests.Count, "no attempt while the clock is unknown");
            Assert.AreEqual("time_unknown", LinkFailureNames.Of(rig.Supervisor.Stats.LastFailure));
            Assert.AreEqual(0, rig.Supervisor.Backoff.Failures, "not a failure: the backoff does not grow");
            Assert.AreEqual(0, rig.Supervisor.Stats.Failovers);
            Assert.AreEqual(0, rig.Supervisor.Stats.ConnectAttempts);

            // SNTP sets the clock: the attempt follows within one network poll.
            rig.Clock.UnixSeconds = Wall;
            Assert.IsTrue(rig.RunUntilOnline(60000 + SupervisorOptions.NetworkPollMs));
            Assert.AreEqual(1, rig.Link.ConnectRequests.Count);
            Assert.IsTrue(rig.Link.LastConnectRequest.UseTls);
        }

        [TestMethod]
        public void DiagSaysTheDeviceWaitedForTheTime()
        {
            var rig = TlsRig();
            rig.Build();
            rig.Diag = new DiagPublisher(new DiagOptions(), rig.Supervisor, rig.Clock, rig.Platform, rig.Network);
            rig.RunUntil(5000);
            rig.Clock.UnixSeconds = Wall;
            Assert.IsTrue(rig.RunUntilOnline(10000));
            FakePublish diag = rig.Link.LastPublishOn(rig.Topics.Diag);
            Assert.IsNotNull(diag);
            Assert.Contains("\"last_failure\":\"time_unknown\"", diag.Text);
        }

        [TestMethod]
        public void PlainTcpDoesNotWaitForTheTime()
        {
            var rig = new SupervisorRig();
            rig.Build();
            Assert.IsTrue(rig.RunUntilOnline(5000));
            Assert.AreEqual(0L, rig.Clock.UnixSeconds);
        }

        [TestMethod]
        public void TheWaitCanBeTurnedOff()
        {
            var rig = TlsRig();
            rig.Options.TlsWaitsForTime = false;
            rig.Build();
            Assert.IsTrue(rig.RunUntilOnline(5000));
        }

        [TestMethod]
        public void OnlyTheTlsEndpointWaits()
        {
            var rig = new SupervisorRig();
            rig.Options.Endpoints = new BrokerEndpoint[] { new BrokerEndpoint(SupervisorRig.HostA, 8883, true), new BrokerEndpoint(SupervisorRig.HostB, 1883, false) };
            rig.Build();
            rig.RunUntil(30000);
            Assert.AreEqual(0, rig.Link.ConnectRequests.Count, "held back, not failed over");
            Assert.AreEqual(0, rig.Supervisor.CurrentEndpointIndex);
        }

        private static SupervisorRig TlsRig()
        {
            var rig = new SupervisorRig();
            rig.Options.Endpoints = new BrokerEndpoint[] { new BrokerEndpoint(SupervisorRig.HostA, 8883, true) };
            return rig;
        }
    }
}
