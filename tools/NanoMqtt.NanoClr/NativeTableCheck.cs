using System.Text;

namespace NanoMqtt.NanoClr;

/// <summary>
/// Compares nanoCLR's native method table of a library with the library's .pe, index by index.
///
/// nanoCLR binds a native assembly by its checksum and then calls native method i of the table for method i
/// of the assembly's MethodDef table. A compiler that adds one leading method (C# 11+ embeds
/// EmbeddedAttribute) keeps the checksum and shifts every index by one: the runtime then calls the neighbouring
/// native method. So each method of the .pe must have, at its own index, NULL when it has IL or is abstract
/// (or a delegate's runtime method), and otherwise the native function named after its type and method.
/// </summary>
public static class NativeTableCheck
{
    public sealed record Table(string Assembly, uint Checksum, IReadOnlyList<string> Entries);

    private const int TypeDefSize = 24;   // CLR_RECORD_TYPEDEF
    private const int MethodDefSize = 16; // CLR_RECORD_METHODDEF
    private const int TypeDefTable = 4, MethodDefTable = 6, StringsTable = 11;
    private const uint MdAbstract = 0x200;
    private const uint MdDelegateAny = 0x10000 | 0x20000 | 0x40000 | 0x80000;
    private const ushort NoBody = 0xFFFF;

    /// <summary>The tables build-toolchain extracted from the nanoCLR sources it built (lib/native-tables.txt).</summary>
    public static IReadOnlyList<Table> ReadTables(string path)
    {
        var tables = new List<Table>();
        string name = null;
        uint checksum = 0;
        var entries = new List<string>();
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            if (line.StartsWith("assembly ", StringComparison.Ordinal))
            {
                name = line.Substring(9);
                entries = new List<string>();
            }
            else if (line.StartsWith("checksum ", StringComparison.Ordinal))
            {
                checksum = Convert.ToUInt32(line.Substring(9), 16);
            }
            else if (line == "end")
            {
                tables.Add(new Table(name, checksum, entries));
            }
            else if (line.Length > 0)
            {
                entries.Add(line);
            }
        }

        return tables;
    }

    /// <summary>Every difference between the table and the .pe; empty when they pair exactly.</summary>
    public static IReadOnlyList<string> Compare(Table table, string pePath, IReadOnlyList<string> builtInStrings)
    {
        var problems = new List<string>();
        byte[] pe = File.ReadAllBytes(pePath);
        uint peChecksum = BitConverter.ToUInt32(pe, 20);
        if (peChecksum != table.Checksum)
        {
            problems.Add($"{table.Assembly}: the .pe's native checksum is 0x{peChecksum:X8}, nanoCLR's table has 0x{table.Checksum:X8}");
        }

        var methods = Methods(pe, builtInStrings);
        if (methods.Count != table.Entries.Count)
        {
            problems.Add($"{table.Assembly}: the .pe has {methods.Count} methods, nanoCLR's table {table.Entries.Count} entries");
        }

        for (int i = 0; i < Math.Min(methods.Count, table.Entries.Count); i++)
        {
            var m = methods[i];
            string entry = table.Entries[i];
            if (!m.Native)
            {
                if (entry != "NULL")
                {
                    problems.Add($"{table.Assembly}[{i}]: {m.Type}.{m.Name} has a body, the table has {entry}");
                }

                continue;
            }

            if (entry == "NULL")
            {
                problems.Add($"{table.Assembly}[{i}]: {m.Type}.{m.Name} is native, the table has NULL");
                continue;
            }

            // Library_<assembly>_<Namespace_Type>::<Method>___<signature>; nested types are Outer__Inner.
            int colons = entry.IndexOf("::", StringComparison.Ordinal);
            int sig = entry.IndexOf("___", colons, StringComparison.Ordinal);
            string type = entry.Substring(0, colons);
            string method = sig > 0 ? entry.Substring(colons + 2, sig - colons - 2) : entry.Substring(colons + 2);
            if (method != m.Name.Replace('.', '_') || !type.EndsWith("_" + m.Type.Replace('.', '_'), StringComparison.Ordinal))
            {
                problems.Add($"{table.Assembly}[{i}]: the .pe has {m.Type}.{m.Name}, the table has {entry}");
            }
        }

        return problems;
    }

    /// <summary>nanoCLR's built-in strings (src/CLR/Core/StringTableData.cpp), which .pe string ids above 0xFFFF - count name.</summary>
    public static IReadOnlyList<string> ReadBuiltInStrings(string stringTableDataCpp)
    {
        var strings = new List<string>();
        bool inData = false;
        foreach (string line in File.ReadLines(stringTableDataCpp))
        {
            if (line.Contains("c_CLR_StringTable_Data[]", StringComparison.Ordinal))
            {
                inData = true;
                continue;
            }

            int open = line.IndexOf('"');
            int close = line.IndexOf("\\0\"", StringComparison.Ordinal);
            if (inData && open >= 0 && close > open)
            {
                strings.Add(line.Substring(open + 1, close - open - 1));
            }
        }

        return strings;
    }

    private sealed record Method(string Type, string Name, bool Native);

    private static List<Method> Methods(byte[] pe, IReadOnlyList<string> builtIn)
    {
        const int tablesOffset = 40, tableCount = 16;
        uint Start(int t) => BitConverter.ToUInt32(pe, tablesOffset + 4 * t);
        int Padding(int t) => pe[tablesOffset + 4 * tableCount + 4 + t];
        int Count(int t, int size) => (int)(Start(t + 1) - Start(t) - Padding(t)) / size;
        ushort U16(long at) => BitConverter.ToUInt16(pe, (int)at);

        string Str(ushort id)
        {
            int builtInIndex = 0xFFFF - id;
            if (builtInIndex < builtIn.Count)
            {
                return builtIn[builtInIndex];
            }

            long at = Start(StringsTable) + id;
            int end = Array.IndexOf(pe, (byte)0, (int)at);
            return Encoding.UTF8.GetString(pe, (int)at, end - (int)at);
        }

        int methodCount = Count(MethodDefTable, MethodDefSize);
        var owner = new string[methodCount];
        int typeCount = Count(TypeDefTable, TypeDefSize);
        for (int t = 0; t < typeCount; t++)
        {
            long at = Start(TypeDefTable) + (long)t * TypeDefSize;
            string name = Str(U16(at));
            ushort first = U16(at + 10);
            int n = pe[at + 12] + pe[at + 13] + pe[at + 14];
            for (int k = 0; k < n && first + k < methodCount; k++)
            {
                owner[first + k] = name;
            }
        }

        var methods = new List<Method>(methodCount);
        for (int i = 0; i < methodCount; i++)
        {
            long at = Start(MethodDefTable) + (long)i * MethodDefSize;
            ushort rva = U16(at + 2);
            uint flags = BitConverter.ToUInt32(pe, (int)at + 4);
            bool native = rva == NoBody && (flags & (MdAbstract | MdDelegateAny)) == 0;
            methods.Add(new Method(owner[i] ?? "?", Str(U16(at)), native));
        }

        return methods;
    }
}
