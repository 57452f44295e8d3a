// Host stand-in for nanoFramework.TestFramework 3.0's Assert (source/TestFramework/Assert*.cs, checked
// 2026-11-25 at commit d4fa55eb). Same names and parameter lists, so a test that compiles here compiles
// on the board; the obsolete 2.x names are left out on purpose.
using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    public sealed class Assert
    {
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(char expected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(double expected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(float expected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(short expected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);

        public static void AreNotEqual(bool notExpected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(char notExpected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(DateTime notExpected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(double notExpected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(float notExpected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(sbyte notExpected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(short notExpected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "") => NotEqual(notExpected, actual, message);

        public static void AreSame(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!ReferenceEquals(expected, actual)) Fail("Assert.AreSame", message);
        }

        public static void AreNotSame(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (ReferenceEquals(notExpected, actual)) Fail("Assert.AreNotSame", message);
        }

        public static void Contains(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || expected == null || value.IndexOf(expected) < 0)
                Fail("Assert.Contains", $"'{expected}' not found in '{value}'. {message}");
        }

        public static void DoesNotContains(string notExpected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null && notExpected != null && value.IndexOf(notExpected) >= 0)
                Fail("Assert.DoesNotContains", $"'{notExpected}' found in '{value}'. {message}");
        }

        public static void StartsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || expected == null || !value.StartsWith(expected))
                Fail("Assert.StartsWith", $"'{value}' does not start with '{expected}'. {message}");
        }

        public static void EndsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || expected == null || !value.EndsWith(expected))
                Fail("Assert.EndsWith", $"'{value}' does not end with '{expected}'. {message}");
        }

        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (!condition) Fail("Assert.IsTrue", message);
        }

        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (condition) Fail("Assert.IsFalse", message);
        }

        public static void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null) Fail("Assert.IsNull", $"was <{value}>. {message}");
        }

        public static void IsNotNull([NotNull] object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null) Fail("Assert.IsNotNull", message);
        }

        public static void IsInstanceOfType(object value, Type expected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || !expected.IsInstanceOfType(value)) Fail("Assert.IsInstanceOfType", message);
        }

        public static void IsNotInstanceOfType(object value, Type notExpected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null && notExpected.IsInstanceOfType(value)) Fail("Assert.IsNotInstanceOfType", message);
        }

        public static void ThrowsException(Type exception, Action action, [CallerArgumentExpression(nameof(action))] string message = "")
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                if (ex.GetType() != exception)
                    Fail("Assert.ThrowsException", "expected " + exception.Name + ", got " + ex.GetType().Name + ": " + ex.Message + ". " + message);
                return;
            }

            Fail("Assert.ThrowsException", $"expected {exception.Name}, nothing was thrown. {message}");
        }

        [DoesNotReturn]
        public static void SkipTest(string message = null) => throw new SkipTestException(message);

        private static void Equal(object expected, object actual, string message)
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"expected <{expected}>, actual <{actual}>. {message}");
        }

        private static void NotEqual(object notExpected, object actual, string message)
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"both <{actual}>. {message}");
        }

        [DoesNotReturn]
        private static void Fail(string assertion, string message) => throw new AssertFailedException($"{assertion} failed. {message}");
    }

    public sealed class CollectionAssert
    {
        public static void Empty(System.Collections.ICollection collection, string message = "")
        {
            if (collection == null || collection.Count != 0) throw new AssertFailedException($"CollectionAssert.Empty failed. {message}");
        }

        public static void NotEmpty(System.Collections.ICollection collection, string message = "")
        {
            if (collection == null || collection.Count == 0) throw new AssertFailedException($"CollectionAssert.NotEmpty failed. {message}");
        }

        public static void AreEqual(System.Collections.ICollection expected, System.Collections.ICollection actual, string message = "")
        {
            if (!Same(expected, actual)) throw new AssertFailedException($"CollectionAssert.AreEqual failed. {message}");
        }

        public static void AreNotEqual(System.Collections.ICollection notExpected, System.Collections.ICollection actual, string message = "")
        {
            if (Same(notExpected, actual)) throw new AssertFailedException($"CollectionAssert.AreNotEqual failed. {message}");
        }

        private static bool Same(System.Collections.ICollection a, System.Collections.ICollection b)
        {
            if (a == null || b == null) return a == b;
            if (a.Count != b.Count) return false;
            var ea = a.GetEnumerator();
            var eb = b.GetEnumerator();
            while (ea.MoveNext() && eb.MoveNext())
            {
                if (!Equals(ea.Current, eb.Current)) return false;
            }

            return true;
        }
    }
}
