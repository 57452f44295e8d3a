using System;
using NanoMqtt.Core.Commands;
using NanoMqtt.Core.Messaging;
using Xunit;

namespace NanoMqtt.Core.Tests.HostOnly
{
    /// <summary>
    /// The id of a JSON command costs no allocation on the accepted path: parsed, checked against the
    /// recent ids, remembered and echoed from fixed buffers (the nano test framework cannot count bytes).
    /// </summary>
    public class IdAllocationTests
    {
        private const int Ops = 1000;

        [Theory]
        [InlineData("{\"id\":\"c0001\",\"value\":\"on\"}")]
        [InlineData("{\"id\":\"\\u0063\\u00e9\\ud83d\\ude00\",\"value\":\"on\"}")]
        public void ParsingRememberingAndEchoingAnIdAllocatesNothing(string json)
        {
            char[] text = json.ToCharArray();
            var parser = new CommandParser(256);
            var command = new Command();
            var recent = new RecentIds(32);
            var writer = new JsonWriter(160);
            // As CommandRouter writes an answer: a name kept as chars (a string name is copied to be read).
            char[] idName = "id".ToCharArray();

            void Op()
            {
                Xunit.Assert.Null(parser.Parse(text, text.Length, command));
                recent.Contains(command.IdChars, 0, command.IdLength);
                recent.Add(command.IdChars, 0, command.IdLength);
                writer.Reset();
                writer.BeginObject();
                writer.Name(idName);
                writer.Value(command.IdChars, 0, command.IdLength);
                writer.EndObject();
            }

            for (int i = 0; i < 100; i++)
            {
                Op();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Ops; i++)
            {
                Op();
            }

            Xunit.Assert.Equal(0L, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
