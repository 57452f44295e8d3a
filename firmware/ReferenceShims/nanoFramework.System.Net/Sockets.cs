// REFERENCE SHIM, never deployed. Mirrors nanoFramework.System.Net 1.11.60 (API read at v1.11.54, commit
// 713b02c9fea5265e4e70981a9115daa3b5745c4c), files SocketException.cs and Sockets/SocketErrors.cs.
// Only the SocketError values the MQTT link maps are declared (the real enum has more).
using System;

namespace System.Net.Sockets
{
    public class SocketException : Exception
    {
        public SocketException(SocketError errorCode) { }

        public int ErrorCode { get { throw null; } }
    }

    public enum SocketError : int
    {
        SocketError = (-1),
        NetworkUnreachable = (10000 + 51),
        ConnectionAborted = (10000 + 53),
        ConnectionReset = (10000 + 54),
        NotConnected = (10000 + 57),
        TimedOut = (10000 + 60),
        ConnectionRefused = (10000 + 61),
        HostUnreachable = (10000 + 65),
        HostNotFound = (10000 + 1001),
        TryAgain = (10000 + 1002),
        NoRecovery = (10000 + 1003),
        NoData = (10000 + 1004),
    }
}
