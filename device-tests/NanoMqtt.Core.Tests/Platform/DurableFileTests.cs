using NanoMqtt.Core.Platform;
using NanoMqtt.Core.Tests.Fakes;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Platform
{
    /// <summary>A reset at each point of a settings write: the next boot reads the old text or the new one, whole.</summary>
    [TestClass]
    public class DurableFileTests
    {
        private const string Path = "I:\\nanomqtt.settings";
        private const string Old = "interval.light=45s\nreset.reason=command\n";
        private const string New = "interval.light=30s\nqos.light=1\nreset.reason=watchdog\n";

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void AResetAtEachPointLeavesTheOldOrTheNewText(bool hadOld)
        {
            int total = ChangesOfOneWrite(hadOld);
            Assert.IsTrue(total >= 3);
            for (int at = 0; at < total; at++)
            {
                ResettingFiles files = Start(hadOld);
                files.ResetAt = at;
                Assert.ThrowsException(typeof(SimulatedReset), () => new DurableFile(files).Write(Path, New));

                // The next boot.
                files.PowerOn();
                string read = new DurableFile(files).Read(Path);
                string expectedOld = hadOld ? Old : null;
                Assert.IsTrue(read == expectedOld || read == New, "reset at change " + at + " read: " + read);
                Assert.AreEqual(read == null ? 0 : 1, files.FileCount, "recovery leaves one file, reset at change " + at);

                // And the device writes again as usual.
                new DurableFile(files).Write(Path, "after");
                Assert.AreEqual("after", new DurableFile(files).Read(Path));
            }
        }

        [TestMethod]
        public void OnceTheNewTextIsCompleteItWins()
        {
            // Changes of a write over an existing file: 0 write .tmp, 1 move to .swap, 2 delete, 3 move in.
            for (int at = 2; at < 4; at++)
            {
                ResettingFiles files = Start(true);
                files.ResetAt = at;
                Assert.ThrowsException(typeof(SimulatedReset), () => new DurableFile(files).Write(Path, New));
                files.PowerOn();
                Assert.AreEqual(New, new DurableFile(files).Read(Path), "reset at change " + at);
            }
        }

        [TestMethod]
        public void AbsentIsNull()
        {
            Assert.IsNull(new DurableFile(new ResettingFiles()).Read(Path));
        }

        [TestMethod]
        public void TheEarlierFirmwaresInterruptedSwapIsRecovered()
        {
            // It deleted the file, then was reset before moving its whole .new in.
            var files = new ResettingFiles();
            files.Put(Path + DurableFile.LegacySuffix, New);
            Assert.AreEqual(New, new DurableFile(files).Read(Path));
            Assert.AreEqual(1, files.FileCount);
        }

        [TestMethod]
        public void TheEarlierFirmwaresPartialWriteIsDropped()
        {
            // Reset while writing .new: the file itself is intact.
            var files = new ResettingFiles();
            files.Put(Path, Old);
            files.Put(Path + DurableFile.LegacySuffix, "interval.li");
            Assert.AreEqual(Old, new DurableFile(files).Read(Path));
            Assert.AreEqual(1, files.FileCount);
        }

        private static int ChangesOfOneWrite(bool hadOld)
        {
            ResettingFiles files = Start(hadOld);
            new DurableFile(files).Write(Path, New);
            Assert.AreEqual(New, new DurableFile(files).Read(Path));
            return files.Changes;
        }

        private static ResettingFiles Start(bool hadOld)
        {
            var files = new ResettingFiles();
            if (hadOld)
            {
                files.Put(Path, Old);
            }

            return files;
        }
    }
}
