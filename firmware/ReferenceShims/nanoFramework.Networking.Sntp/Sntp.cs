// REFERENCE SHIM, never deployed: declarations only, for the nano compile check (see ../README.md).
// Mirrors package nanoFramework.Networking.Sntp 1.6.42 (assembly nanoFramework.Networking.Sntp), read from
// github.com/nanoframework/nanoFramework.Networking.Sntp tag v1.6.42, commit 8e44b13844de7c28b9c022a21565dd53c3de40e1,
// file nanoFramework.Networking.Sntp/Sntp.cs (Server1 and Server2 read at commit 0276821ec0999caaeeb456cd374b0e7fe6130e4e,
// the stored version of that file). Once started, SNTP sets DateTime.UtcNow (hourly by default).
namespace nanoFramework.Networking
{
    public class Sntp
    {
        public static void Start() { }
        public static void UpdateNow() { }
        public static bool IsStarted { get { throw null; } }

        /// <summary>The main SNTP server; the firmware's default is 0.pool.ntp.org.</summary>
        public static string Server1 { get { throw null; } set { } }

        /// <summary>The backup SNTP server; the firmware's default is 1.pool.ntp.org.</summary>
        public static string Server2 { get { throw null; } set { } }
    }
}
