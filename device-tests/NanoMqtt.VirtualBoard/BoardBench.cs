using System;
using NanoMqtt.Core.Config;
using NanoMqtt.Core.Connection;

namespace NanoMqtt.VirtualBoard
{
    /// <summary>
    /// Times the device's hot paths on the interpreter that runs it: parsing the config at boot (and a text
    /// four times as long, to show the cost is linear), the step that reads a sensor sample and publishes its
    /// readings, and a command to its answer. Prints "bench: key=value ..." lines, in microseconds of this machine.
    /// </summary>
    internal static class BoardBench
    {
        private const int Parses = 20;
        private const int Runs = 200;
        private const long StartMs = 1000;
        private const long CommandGapMs = 3000;

        public static void Run(string configText)
        {
            string error;
            DeviceConfig config = DeviceConfig.Parse(configText, null, out error);
            string longText = configText + Padding(3 * configText.Length);
            long parseUs = ParseMicros(configText);
            long longParseUs = ParseMicros(longText);
            Console.WriteLine("bench: config_chars=" + configText.Length.ToString() + " config_parse_us=" + parseUs.ToString()
                + " config_4x_chars=" + longText.Length.ToString() + " config_4x_parse_us=" + longParseUs.ToString());

            var board = new Board(config, StartMs);
            long now = Online(board);
            Samples(board, ref now);
            Commands(board, ref now);
        }

        private static long ParseMicros(string text)
        {
            string error;
            long[] micros = new long[Parses];
            for (int i = 0; i < Parses; i++)
            {
                long start = DateTime.UtcNow.Ticks;
                DeviceConfig.Parse(text, null, out error);
                micros[i] = (DateTime.UtcNow.Ticks - start) / 10;
            }

            return Median(micros);
        }

        // Whole comment lines: the parser reads and skips them as it reads any line.
        private static string Padding(int chars)
        {
            char[] line = "# padding to measure how parsing scales with the length of the text\n".ToCharArray();
            char[] text = new char[chars / line.Length * line.Length];
            for (int i = 0; i < text.Length; i++)
            {
                text[i] = line[i % line.Length];
            }

            return new string(text);
        }

        private static long Online(Board board)
        {
            long now = StartMs;
            long next = board.Device.Step(now);
            while (board.Device.Supervisor.State != ConnectionState.Online)
            {
                now = next > now ? next : now + 1;
                board.Clock.Advance(now - board.Clock.NowMs);
                next = board.Device.Step(now);
            }

            return now;
        }

        // Steps at the device's own wake times; the steps that read a sample and published readings are timed.
        private static void Samples(Board board, ref long now)
        {
            long[] micros = new long[Runs];
            long readings = 0;
            int taken = 0;
            long next = board.Device.Step(now);
            while (taken < Runs)
            {
                now = next > now ? next : now + 1;
                board.Clock.Advance(now - board.Clock.NowMs);
                long before = board.Broker.Readings;
                long start = DateTime.UtcNow.Ticks;
                next = board.Device.Step(now);
                long elapsed = DateTime.UtcNow.Ticks - start;
                if (board.Broker.Readings != before)
                {
                    micros[taken++] = elapsed / 10;
                    readings += board.Broker.Readings - before;
                }
            }

            Console.WriteLine("bench: publish_steps=" + Runs.ToString() + " publish_step_us_median=" + Median(micros).ToString()
                + " publish_step_us_mean=" + Mean(micros).ToString() + " readings_published=" + readings.ToString());
        }

        // A command every few seconds (under the relay's change limit), timed from its arrival to its answer.
        private static void Commands(Board board, ref long now)
        {
            long[] micros = new long[Runs];
            for (int i = 0; i < Runs; i++)
            {
                now += CommandGapMs;
                board.Clock.Advance(now - board.Clock.NowMs);
                board.Device.Step(now);
                long answered = board.Broker.Answered;
                board.Broker.IssueCommand();
                long start = DateTime.UtcNow.Ticks;
                for (int step = 0; step < 4 && board.Broker.Answered == answered; step++)
                {
                    board.Device.Step(now);
                }

                micros[i] = (DateTime.UtcNow.Ticks - start) / 10;
                if (board.Broker.Answered == answered)
                {
                    Console.WriteLine("bench: error command " + i.ToString() + " got no answer");
                    return;
                }
            }

            Console.WriteLine("bench: commands_timed=" + Runs.ToString() + " command_us_median=" + Median(micros).ToString()
                + " command_us_mean=" + Mean(micros).ToString());
        }

        private static long Median(long[] values)
        {
            long[] sorted = (long[])values.Clone();
            for (int i = 1; i < sorted.Length; i++)
            {
                long v = sorted[i];
                int j = i - 1;
                while (j >= 0 && sorted[j] > v)
                {
                    sorted[j + 1] = sorted[j];
                    j--;
                }

                sorted[j + 1] = v;
            }

            return sorted[sorted.Length / 2];
        }

        private static long Mean(long[] values)
        {
            long sum = 0;
            for (int i = 0; i < values.Length; i++)
            {
                sum += values[i];
            }

            return sum / values.Length;
        }
    }
}
