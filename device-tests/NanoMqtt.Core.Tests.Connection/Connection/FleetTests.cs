using NanoMqtt.Core.Connection;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Connection
{
    /// <summary>
    /// What a whole fleet does, on the fake clock: 1,000 supervisors with their own seeded jitter, one after
    /// the other against the same scripted broker (they do not interact, so running them in turn is exact).
    /// Arrivals are counted in 100 ms bins; the peak is the most in any ten neighbouring bins (one second).
    /// </summary>
    [TestClass]
    public class FleetTests
    {
        private const int Devices = 1000;
        private const long WindowMs = 15000;
        private const long BinMs = 100;
        // Past the 60 s stable period, so every device starts from the base backoff, as a fleet online for long.
        private const long DropAtMs = 61000;

        [TestMethod]
        [DataRow(3000)]
        [DataRow(20000)]
        [DataRow(60000)]
        public void AFleetIsBackWithinAWindowOfABrokerRestartAfterAnyDowntime(int downtimeMs)
        {
            long upAt = DropAtMs + downtimeMs;
            int[] arrivals = new int[(int)(2 * WindowMs / BinMs)];
            int[] probes = new int[(int)(downtimeMs / BinMs) + 1];
            long last = 0;
            for (int i = 0; i < Devices; i++)
            {
                var rig = new SupervisorRig();
                rig.Jitter = FakeJitter.Seeded(7000 + i);
                rig.Build();
                rig.RunUntil(DropAtMs);
                Assert.AreEqual(0, rig.Supervisor.Backoff.Failures, "device " + i + " is online and stable before the restart");

                // The broker stops: every session ends at once, and every connect is refused while it is down.
                rig.Link.ConnectFailure = LinkFailure.Refused;
                rig.Link.DropConnection(LinkFailure.ConnectionClosed);
                int before = rig.AttemptTimes.Count;
                rig.RunUntil(upAt - 1);
                for (int a = before; a < rig.AttemptTimes.Count; a++)
                {
                    probes[(int)((rig.AttemptTime(a) - DropAtMs) / BinMs)]++;
                }

                rig.Link.ConnectFailure = LinkFailure.None;
                rig.RunUntil(upAt + 2 * WindowMs - 1);
                Assert.IsTrue(rig.Supervisor.IsOnline, "device " + i + " is back");
                long back = rig.Supervisor.OnlineSinceMs - upAt;
                Assert.IsTrue(back >= 0, "device " + i + " came online while the broker was down");
                arrivals[(int)(back / BinMs)]++;
                last = back > last ? back : last;
            }

            int peak = PeakPerSecond(arrivals);
            int probePeak = PeakPerSecond(probes);
            Assert.IsTrue(last <= WindowMs * 13 / 10, "the last device was back " + last + " ms after the restart, more than 1.3 windows");
            Assert.IsTrue(peak * 10 <= Devices, "peak " + peak + " arrivals a second, more than 10 % of " + Devices);
            // Probing while refused is cheap for the broker, but still spread: no second sees a tenth of the fleet.
            Assert.IsTrue(probePeak * 10 <= Devices, "peak " + probePeak + " refused attempts a second while down");
        }

        [TestMethod]
        public void AFleetMovesToTheHealthyClusterNodeWithinAWindow()
        {
            int[] arrivals = new int[(int)(2 * WindowMs / BinMs)];
            long last = 0;
            for (int i = 0; i < Devices; i++)
            {
                var rig = new SupervisorRig();
                rig.Options.Endpoints = new BrokerEndpoint[] { new BrokerEndpoint(SupervisorRig.HostA, 1883, false), new BrokerEndpoint(SupervisorRig.HostB, 1883, false) };
                rig.Jitter = FakeJitter.Seeded(9000 + i);
                rig.Build();
                rig.RunUntil(DropAtMs);

                // Node A stops for good: its sessions end, and it refuses; node B accepts all along.
                rig.Link.RefusedHost = SupervisorRig.HostA;
                rig.Link.DropConnection(LinkFailure.ConnectionClosed);
                rig.RunUntil(DropAtMs + 2 * WindowMs - 1);
                Assert.IsTrue(rig.Supervisor.IsOnline, "device " + i + " is on node B");
                Assert.AreEqual(SupervisorRig.HostB, rig.Link.LastConnectRequest.Host);
                long back = rig.Supervisor.OnlineSinceMs - DropAtMs;
                arrivals[(int)(back / BinMs)]++;
                last = back > last ? back : last;
            }

            long median = MedianMs(arrivals, Devices);
            int peak = PeakPerSecond(arrivals);
            // One spread draw on A (at most a window), then B within the base.
            Assert.IsTrue(last <= WindowMs + 1000, "the last device reached node B " + last + " ms after node A stopped");
            Assert.IsTrue(median <= 10000, "median failover " + median + " ms");
            Assert.IsTrue(peak * 10 <= Devices, "peak " + peak + " arrivals a second at node B");
        }

        private static int PeakPerSecond(int[] bins)
        {
            int perSecond = (int)(1000 / BinMs);
            int peak = 0;
            int sum = 0;
            for (int i = 0; i < bins.Length; i++)
            {
                sum += bins[i];
                if (i >= perSecond)
                {
                    sum -= bins[i - perSecond];
                }

                peak = sum > peak ? sum : peak;
            }

            return peak;
        }

        /// <summary>The end of the bin in which half of the arrivals are in.</summary>
        private static long MedianMs(int[] bins, int total)
        {
            int seen = 0;
            for (int i = 0; i < bins.Length; i++)
            {
                seen += bins[i];
                if (seen * 2 >= total)
                {
                    return (i + 1) * BinMs;
                }
            }

            return long.MaxValue;
        }
    }
}
