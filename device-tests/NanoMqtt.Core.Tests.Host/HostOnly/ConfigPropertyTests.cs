using System;
using System.Linq;
using CsCheck;
using NanoMqtt.Core.Config;
using Xunit;

namespace NanoMqtt.Core.Tests.HostOnly
{
    public class ConfigPropertyTests
    {
        [Fact]
        public void TheShippedNfConfigParses()
        {
            var config = DeviceConfig.Parse(RepoFiles.Read("nf.config"), "[wifi]\npassword = x\n[mqtt]\npassword = y\n", out string error);
            Xunit.Assert.True(error == null, error);
            Xunit.Assert.Equal("greenhouse1", config.DeviceId);
            Xunit.Assert.Equal(new[] { "climate", "door" }, config.Sensors.Select(s => s.Name));
            Xunit.Assert.Equal(new[] { "relay1", "led" }, config.Actuators.Select(a => a.Name));
        }

        /// <summary>
        /// 10,000 mutations of a valid config (dropped, duplicated, truncated and garbled lines, random
        /// bytes): the parser never throws, and answers each input with a config or an error naming a line
        /// or a missing key, never both and never neither.
        /// </summary>
        [Fact]
        public void RandomConfigsNeverThrowAndAlwaysGetAnAnswer()
        {
            string[] lines = RepoFiles.Read("nf.config").Split('\n');
            var garble = Gen.String[Gen.Char.AlphaNumeric, 0, 12];
            var mutated = Gen.Select(Gen.Int[0, 5], Gen.Int[0, lines.Length - 1], garble, Gen.String)
                .Select((kind, at, word, noise) =>
                {
                    var copy = lines.ToList();
                    switch (kind)
                    {
                        case 0: copy.RemoveAt(at); break;
                        case 1: copy.Insert(at, copy[at]); break;
                        case 2: copy[at] = copy[at].Substring(0, copy[at].Length / 2); break;
                        case 3: copy[at] = copy[at].Replace("=", word); break;
                        case 4: copy.Insert(at, noise); break;
                        default: copy[at] = word + " = " + noise; break;
                    }

                    return string.Join("\n", copy);
                });
            var anything = Gen.OneOf<string>(mutated, Gen.String, Gen.String[Gen.Char[(char)0, (char)127], 0, 400]);
            int errors = 0;
            anything.Sample(text =>
            {
                var config = DeviceConfig.Parse(text, null, out string error);
                Xunit.Assert.True((config == null) != (error == null), "exactly one of a config or an error");
                if (error != null)
                {
                    errors++;
                    Xunit.Assert.StartsWith("nf.config ", error);
                    Xunit.Assert.True(error.Contains("line ") || error.Contains("needs"), error);
                    Xunit.Assert.DoesNotContain("\n", error);
                }
            }, iter: 10_000, threads: 1);
            Xunit.Assert.True(errors > 1000, "the generator should mostly produce broken configs, got " + errors + " errors");
        }
    }
}
