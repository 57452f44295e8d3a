// REFERENCE SHIM, never deployed. Mirrors nanoFramework.System.Net 1.11.60 (API read at v1.11.54, commit
// 713b02c9fea5265e4e70981a9115daa3b5745c4c), files X509Certificates/X509Certificate.cs and X509Certificate2.cs.
// The string constructors take PEM text (the library appends the NUL terminator mbedTLS needs).
namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate() { }
        public X509Certificate(byte[] certificate) { }
        public X509Certificate(string certificate) { }
    }

    public class X509Certificate2 : X509Certificate
    {
        /// <summary>PEM certificate, PEM (or DER) private key, and its password or null (nanoFramework only).</summary>
        public X509Certificate2(string rawData, string key, string password) { }
    }
}
