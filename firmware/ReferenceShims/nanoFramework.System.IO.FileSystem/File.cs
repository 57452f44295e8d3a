// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package nanoFramework.System.IO.FileSystem 1.1.93 (assembly System.IO.FileSystem), read from
// github.com/nanoframework/System.IO.FileSystem tag v1.1.93, commit 434b26c6db29708367e4df3f4ea82095ef843372,
// file System.IO.FileSystem/File.cs. On ESP32 the internal flash (littlefs) is drive I:.
namespace System.IO
{
    public static class File
    {
        public static bool Exists(string path) { throw null; }
        public static string ReadAllText(string path) { throw null; }
        public static void WriteAllText(string path, string contents) { }
        public static void Delete(string path) { }
        public static void Move(string sourceFileName, string destFileName) { }
    }
}
