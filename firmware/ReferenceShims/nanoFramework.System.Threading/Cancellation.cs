// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package nanoFramework.System.Threading 1.1.52 (assembly System.Threading), read from
// github.com/nanoframework/System.Threading tag v1.1.52, commit 866134ed5ae3faad59a2e5339c33d56f77eebee4,
// files Threading/CancellationTokenSource.cs and Threading/CancellationToken.cs (mscorlib has neither).
namespace System.Threading
{
    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource(int millisecondsDelay) { }

        public CancellationToken Token { get { throw null; } }
        public void Cancel() { }
        public void Dispose() { }
    }

    public struct CancellationToken
    {
        public bool IsCancellationRequested { get { throw null; } }
    }
}
