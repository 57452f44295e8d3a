namespace NanoMqtt.NanoClr;

/// <summary>
/// The table sizes in a nanoCLR .pe header (CLR_RECORD_ASSEMBLY in nf-interpreter's nanoCLR_Types.h).
/// </summary>
public sealed class PeFile
{
    /// <summary>
    /// The most string bytes one assembly can address: string ids are 16 bits, and the ids above this one
    /// name nanoCLR's built-in strings. The MetadataProcessor accepts up to 65,535 and the assembly then fails to load.
    /// </summary>
    public const int MaxStringBytes = 64_675;

    private const int TablesOffset = 40; // marker[8], 2 CRCs, flags, native checksum, patch entry, version[8], name, string table version
    private const int TableCount = 16;
    private const int Strings = 11;
    private const int ByteCode = 13;
    private const int EndOfAssembly = 15;

    private readonly uint[] _starts = new uint[TableCount];
    private readonly byte[] _padding = new byte[TableCount];

    private PeFile(string path, byte[] bytes)
    {
        Path = path;
        if (bytes.Length < TablesOffset + 4 * TableCount + 4 + TableCount || System.Text.Encoding.ASCII.GetString(bytes, 0, 6) != "NFMRK1")
        {
            throw new NanoToolchainException($"{path} is not a nanoCLR .pe file");
        }

        for (int i = 0; i < TableCount; i++)
        {
            _starts[i] = BitConverter.ToUInt32(bytes, TablesOffset + 4 * i);
            _padding[i] = bytes[TablesOffset + 4 * TableCount + 4 + i];
        }
    }

    public string Path { get; }

    public int TotalBytes => (int)_starts[EndOfAssembly];

    public int StringBytes => TableBytes(Strings);

    public int ByteCodeBytes => TableBytes(ByteCode);

    public static PeFile Read(string path) => new(path, File.ReadAllBytes(path));

    private int TableBytes(int table) => (int)(_starts[table + 1] - _starts[table] - _padding[table]);
}
