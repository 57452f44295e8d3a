using NanoMqtt.Core.Config;
using nanoFramework.TestFramework;

namespace NanoMqtt.Core.Tests.Config
{
    /// <summary>The parser reads the text from one copy, line by line; these check it on long files and at their edges.</summary>
    [TestClass]
    public class ConfigDocumentTests
    {
        [TestMethod]
        public void ParsesALongFileToItsLastLine()
        {
            // About 6,000 chars: 100 sections of 3 keys, comments, blank lines and CRLF endings.
            string text = "# generated\r\n";
            for (int s = 0; s < 100; s++)
            {
                text = text + "[s" + s.ToString() + "]\r\n; a comment\r\n  key_a = " + s.ToString() + "\r\nkey_b=caf\u00e9 \ud83d\ude00\r\n\r\nkey_c = x=y\r\n";
            }

            string error;
            ConfigDocument doc = ConfigDocument.Parse(text, out error);
            Assert.IsNull(error);
            Assert.AreEqual(100, doc.Sections.Count);
            ConfigSection last = doc.Section("s99");
            Assert.AreEqual("99", last.Find("key_a").Value);
            Assert.AreEqual("caf\u00e9 \ud83d\ude00", last.Find("key_b").Value);
            Assert.AreEqual("x=y", last.Find("key_c").Value);
            Assert.AreEqual(1 + 99 * 6 + 1, last.Line);
            Assert.AreEqual(1 + 99 * 6 + 6, last.Find("key_c").Line);
        }

        [TestMethod]
        public void NamesTheLineOfAFaultAtTheEndOfALongFile()
        {
            string text = "[a]\n";
            for (int i = 0; i < 300; i++)
            {
                text = text + "k" + i.ToString() + " = value number " + i.ToString() + "\n";
            }

            string error;
            Assert.IsNull(ConfigDocument.Parse(text + "[broken\n", out error));
            Assert.AreEqual("line 302: a section header must end with ']'", error);
            Assert.IsNull(ConfigDocument.Parse(text + "no equals sign", out error));
            Assert.StartsWith("line 302: expected 'key = value'", error);
        }

        [TestMethod]
        public void ReadsTheFirstAndLastCharOfEachLine()
        {
            string error;
            ConfigDocument doc = ConfigDocument.Parse("  [ One ]  \n#x = 1\n;y = 2\nz = [3]\n[two]\nk=v", out error);
            Assert.IsNull(error);
            Assert.AreEqual(2, doc.Sections.Count);
            Assert.AreEqual(1, doc.Section("one").Entries.Count);
            Assert.AreEqual("[3]", doc.Section("one").Find("z").Value);
            Assert.AreEqual("v", doc.Section("two").Find("k").Value);
            Assert.IsNull(ConfigDocument.Parse("[a]\nx] = 1", out error));
            Assert.StartsWith("line 2: 'x]' is not a key", error);
        }
    }
}
