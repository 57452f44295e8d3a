using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using nanoFramework.TestFramework;
using Xunit;
using XAssert = Xunit.Assert;

namespace NanoMqtt.Core.Tests.Host
{
    /// <summary>
    /// Runs the device-tests (written for nanoFramework.TestFramework) under xUnit on .NET 10. Every
    /// [TestMethod] and every [DataRow] is its own named case. Each case runs [Setup] before and [Cleanup]
    /// after it; on the board the launcher runs them once per class, so tests must not depend on order.
    /// </summary>
    public sealed class NanoTestCases
    {
        private static readonly Assembly TestAssembly = typeof(NanoTestCases).Assembly;

        public static IEnumerable<object[]> All()
        {
            foreach (var type in TestClasses())
            {
                foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                {
                    var rows = method.GetCustomAttributes<DataRowAttribute>().ToArray();
                    if (rows.Length > 0)
                    {
                        for (int i = 0; i < rows.Length; i++)
                        {
                            yield return new object[] { $"{type.Name}.{method.Name}#{i}({string.Join(", ", rows[i].MethodParameters.Select(Show))})" };
                        }
                    }
                    else if (method.GetCustomAttribute<TestMethodAttribute>() != null)
                    {
                        yield return new object[] { $"{type.Name}.{method.Name}" };
                    }
                }
            }
        }

        [Theory]
        [MemberData(nameof(All))]
        public void Run(string testCase)
        {
            var (type, method, parameters) = Resolve(testCase);
            var instance = Activator.CreateInstance(type);
            Invoke(FindByAttribute<SetupAttribute>(type), instance, null);
            try
            {
                Invoke(method, instance, parameters);
            }
            finally
            {
                Invoke(FindByAttribute<CleanupAttribute>(type), instance, null);
            }
        }

        [Fact]
        public void DeviceTestsAreFound()
        {
            XAssert.True(All().Count() > 0, "no [TestMethod] was found in device-tests/NanoMqtt.Core.Tests");
        }

        /// <summary>
        /// The nanoFramework launcher invokes test methods with a null instance, so on the board an instance
        /// field would throw. Keeping state in locals (or statics set in [Setup]) keeps both runs alike.
        /// </summary>
        [Fact]
        public void TestClassesHoldNoInstanceState()
        {
            var offenders = TestClasses()
                .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                    .Select(f => $"{t.Name}.{f.Name}"))
                .ToArray();
            XAssert.True(offenders.Length == 0, "instance fields in test classes: " + string.Join(", ", offenders));
        }

        private static IEnumerable<Type> TestClasses() =>
            TestAssembly.GetTypes()
                .Where(t => t.IsClass && t.GetCustomAttribute<TestClassAttribute>() != null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal);

        private static (Type, MethodInfo, object[]) Resolve(string testCase)
        {
            int dot = testCase.IndexOf('.');
            string typeName = testCase.Substring(0, dot);
            string rest = testCase.Substring(dot + 1);
            int hash = rest.IndexOf('#');
            string methodName = hash < 0 ? rest : rest.Substring(0, hash);
            var type = TestClasses().Single(t => t.Name == typeName);
            var method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
            object[] parameters = null;
            if (hash >= 0)
            {
                int row = int.Parse(rest.Substring(hash + 1, rest.IndexOf('(') - hash - 1));
                parameters = method.GetCustomAttributes<DataRowAttribute>().ElementAt(row).MethodParameters;
            }

            return (type, method, parameters);
        }

        private static MethodInfo FindByAttribute<T>(Type type) where T : Attribute =>
            type.GetMethods().FirstOrDefault(m => m.GetCustomAttribute<T>() != null);

        private static void Invoke(MethodInfo method, object instance, object[] parameters)
        {
            if (method == null)
            {
                return;
            }

            try
            {
                method.Invoke(method.IsStatic ? null : instance, parameters);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is SkipTestException)
            {
                // A skipped device test is a failure on the host: every test here must run in CI.
                throw new InvalidOperationException("device test skipped on the host: " + ex.InnerException.Message);
            }
            catch (TargetInvocationException ex)
            {
                ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            }
        }

        private static string Show(object value) => value switch
        {
            null => "null",
            string s => "\"" + s + "\"",
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
