// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package nanoFramework.Runtime.Native 1.7.11 (assembly nanoFramework.Runtime.Native), read from
// github.com/nanoframework/nanoFramework.Runtime.Native tag v1.7.11, commit e70ef6920ca811b0403d667036fcbdc605d0e66e,
// files Power.cs, RebootOption.cs, GC.cs and System/Environment.cs. Note that Environment.TickCount64 lives in
// this package, not in mscorlib: it is the monotonic millisecond tick since boot.
namespace nanoFramework.Runtime.Native
{
    public class Power
    {
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) { }
        public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot) { }
    }

    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8,
    }

    public static class GC
    {
        /// <summary>Runs the collector; returns the free managed heap in bytes.</summary>
        public static uint Run(bool compactHeap) { throw null; }
    }
}

namespace System
{
    public static partial class Environment
    {
        public static long TickCount64 { get { throw null; } }
    }
}
