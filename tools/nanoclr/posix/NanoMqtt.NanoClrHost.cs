// NanoMqtt: what the POSIX nanoCLR can tell a program about itself that nanoFramework has no managed API for.
// build-toolchain compiles this (C# 10) into NanoMqtt.NanoClrHost.pe; its natives are in nanoCLR_host_native.cpp,
// whose table carries this assembly's native checksum.
using System.Runtime.CompilerServices;

namespace NanoMqtt.NanoClrHost
{
    /// <summary>Counts read from the interpreter, for leak checks (the networked virtual board prints them).</summary>
    public static class HostRuntime
    {
        /// <summary>Managed threads started and not yet ended (the interpreter's ready and waiting lists), the caller included.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int ThreadCount();

        /// <summary>Sockets open in nanoCLR's sockets layer (created and not yet closed).</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int SocketCount();
    }
}
