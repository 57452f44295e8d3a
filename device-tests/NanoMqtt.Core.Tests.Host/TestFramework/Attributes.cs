// Host stand-in for nanoFramework.TestFramework 3.0 (package nanoFramework.TestFramework 3.0.77).
// Declarations mirror source/TestFrameworkShared/*.cs of github.com/nanoframework/nanoFramework.TestFramework
// (checked 2026-11-25 at commit d4fa55eb); written here, not copied. The host runner is NanoTestCases.cs.
using System;

namespace nanoFramework.TestFramework
{
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class CleanupAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        public object[] MethodParameters { get; }

        public DataRowAttribute(params object[] methodParameters)
        {
            MethodParameters = methodParameters;
        }
    }

    public class SkipTestException : Exception
    {
        public SkipTestException(string message = null, Exception innerException = null) : base(message, innerException)
        {
        }
    }

    public static class OutputHelper
    {
        public static void Write(string message) => Console.Write(message);

        public static void WriteLine(string message) => Console.WriteLine(message);
    }
}

namespace TestFrameworkShared
{
    public class AssertFailedException : Exception
    {
        public AssertFailedException()
        {
        }

        public AssertFailedException(string msg) : base(msg)
        {
        }

        public AssertFailedException(string msg, Exception ex) : base(msg, ex)
        {
        }
    }
}
