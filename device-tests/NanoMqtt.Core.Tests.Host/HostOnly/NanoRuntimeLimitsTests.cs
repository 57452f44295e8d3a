using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using nanoFramework.TestFramework;
using NanoMqtt.Core.Messaging;
using Xunit;

namespace NanoMqtt.Core.Tests.HostOnly
{
    /// <summary>
    /// Limits of nanoFramework's toolchain and interpreter (nanoCLR) that .NET does not have, so that the
    /// host run catches what would only fail on the device.
    /// </summary>
    public class NanoRuntimeLimitsTests
    {
        [Fact]
        public void NoDataRowArgumentIsNull()
        {
            var offenders = new List<string>();
            foreach (var type in typeof(NanoRuntimeLimitsTests).Assembly.GetTypes())
            {
                foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                {
                    foreach (var row in method.GetCustomAttributes<DataRowAttribute>())
                    {
                        // [DataRow(null)] binds null to the params array itself.
                        if (row.MethodParameters == null || row.MethodParameters.Any(p => p == null))
                        {
                            offenders.Add(type.Name + "." + method.Name);
                        }
                    }
                }
            }

            Xunit.Assert.True(offenders.Count == 0,
                "null in [DataRow(...)] crashes nanoFramework's MetadataProcessor (ArgumentNullException in its string table), "
                + "so the test assembly never reaches the device; use a sentinel such as \"\" or a separate test method: "
                + string.Join(", ", offenders.Distinct()));
        }

        [Fact]
        public void TheFirmwareLibrariesNeverReadAStringThroughItsIndexer()
        {
            MethodInfo indexer = typeof(string).GetMethod("get_Chars", new[] { typeof(int) });
            var offenders = new List<string>();
            // The core, the sensors library (the shipped drivers and the binding bridge), the sleep and Home Assistant libraries.
            foreach (var type in typeof(Topics).Assembly.GetTypes().Concat(typeof(NanoMqtt.Sensors.BuiltInSensors).Assembly.GetTypes())
                .Concat(typeof(NanoMqtt.Sleep.SleepCycle).Assembly.GetTypes())
                .Concat(typeof(NanoMqtt.HomeAssistant.DiscoveryPublisher).Assembly.GetTypes()))
            {
                foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Cast<MethodBase>()
                    .Concat(type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
                {
                    if (Calls(method, indexer))
                    {
                        offenders.Add(type.FullName + "." + method.Name);
                    }
                }
            }

            Xunit.Assert.True(offenders.Count == 0,
                "on nanoCLR strings are UTF-8 inside: s[i] walks the string from its start (a loop over it is quadratic) and "
                + "returns the high surrogate at a low surrogate's index; read a string through one ToCharArray() copy, or "
                + "keep a char[] of a string used on a hot path: " + string.Join(", ", offenders));
        }

        [Fact]
        public void TheIndexerCheckFindsAnIndexer()
        {
            MethodInfo indexer = typeof(string).GetMethod("get_Chars", new[] { typeof(int) });
            Xunit.Assert.True(Calls(typeof(NanoRuntimeLimitsTests).GetMethod(nameof(First), BindingFlags.NonPublic | BindingFlags.Static), indexer));
            Xunit.Assert.False(Calls(typeof(NanoRuntimeLimitsTests).GetMethod(nameof(FirstOfCopy), BindingFlags.NonPublic | BindingFlags.Static), indexer));
        }

        private static char First(string s) => s[0];

        private static char FirstOfCopy(string s) => s.ToCharArray()[0];

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null))
            .ToDictionary(o => o.Value);

        /// <summary>True when the method's IL calls target (call, callvirt or a delegate made of it).</summary>
        private static bool Calls(MethodBase method, MethodInfo target)
        {
            byte[] il = method.GetMethodBody()?.GetILAsByteArray();
            if (il == null)
            {
                return false;
            }

            int i = 0;
            while (i < il.Length)
            {
                short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
                OpCode op = OpCodesByValue[value];
                i += op.Size;
                switch (op.OperandType)
                {
                    case OperandType.InlineMethod:
                        MethodBase called = method.Module.ResolveMethod(BitConverter.ToInt32(il, i),
                            method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
                        if (called == target)
                        {
                            return true;
                        }

                        i += 4;
                        break;
                    case OperandType.InlineSwitch:
                        i += 4 + 4 * BitConverter.ToInt32(il, i);
                        break;
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        i += 1;
                        break;
                    case OperandType.InlineVar:
                        i += 2;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        i += 8;
                        break;
                    default:
                        i += 4;
                        break;
                }
            }

            return false;
        }
    }
}
