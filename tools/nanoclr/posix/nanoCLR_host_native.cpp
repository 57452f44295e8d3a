//
// NanoMqtt: the natives of NanoMqtt.NanoClrHost (tools/nanoclr/posix/NanoMqtt.NanoClrHost.cs), counts that
// nanoFramework has no managed API for. build-toolchain copies this file into the pinned nf-interpreter's
// targets/posix/nanoCLR; sockets.patch compiles it and registers the table.
//

#include <nanoCLR_Runtime.h>

int PosixSockets_OpenCount(); // nanoCLR_sockets_posix.cpp

struct Library_nanomqtt_host_NanoMqtt_NanoClrHost_HostRuntime
{
    // Started and not ended: a thread is in the ready or the waiting list from Start until it returns (then it
    // is passivated; a Thread never started sits in the zombie list and is not counted). Runs on the
    // interpreter's thread, the only one that touches these lists.
    static HRESULT ThreadCount___STATIC__I4(CLR_RT_StackFrame &stack)
    {
        stack.SetResult_I4(
            (CLR_INT32)(g_CLR_RT_ExecutionEngine.m_threadsReady.NumOfNodes() +
                        g_CLR_RT_ExecutionEngine.m_threadsWaiting.NumOfNodes()));
        return S_OK;
    }

    static HRESULT SocketCount___STATIC__I4(CLR_RT_StackFrame &stack)
    {
        stack.SetResult_I4((CLR_INT32)PosixSockets_OpenCount());
        return S_OK;
    }
};

// clang-format off

static const CLR_RT_MethodHandler method_lookup[] =
{
    Library_nanomqtt_host_NanoMqtt_NanoClrHost_HostRuntime::ThreadCount___STATIC__I4,
    Library_nanomqtt_host_NanoMqtt_NanoClrHost_HostRuntime::SocketCount___STATIC__I4,
};

// The checksum the MetadataProcessor gives NanoMqtt.NanoClrHost.cs (its native methods' names and signatures);
// NativeTableCheck compares it and each entry with the built .pe.
extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_NanoMqtt_NanoClrHost; // posix_stubs.cpp's interop table
const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_NanoMqtt_NanoClrHost =
{
    "NanoMqtt.NanoClrHost",
    0xD2D7E88F,
    method_lookup,
    { 1, 0, 0, 0 }
};

// clang-format on
