using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NanoMqtt.NanoClr;

/// <summary>One line of nanoFramework's UnitTestLauncher: `Test passed|failed|skipped,Namespace.Class.Method.i,detail`.</summary>
public sealed record LauncherLine(string Outcome, string Method, int Index, string Detail);

/// <summary>
/// A test assembly (NFUnitTest) run by the stock UnitTestLauncher on nanoCLR, and what its sources declare.
/// The launcher prints one line per case and per Setup/Cleanup, no summary, and always exits 0, so the
/// declared cases are counted from the assembly's metadata and compared with the lines.
/// </summary>
public sealed class UnitTestRun
{
    public UnitTestRun(NanoClrResult result, string testAssemblyDll, IEnumerable<string> assemblies)
    {
        Result = result;
        Assemblies = assemblies.ToArray();
        Declared = DeclaredCases(testAssemblyDll, out var fixtures);
        Fixtures = fixtures;
        Lines = result.Lines.Select(Parse).Where(l => l != null).ToArray();
    }

    public NanoClrResult Result { get; }

    /// <summary>The assemblies that must have loaded under their own names.</summary>
    public string[] Assemblies { get; }

    /// <summary>Test cases the sources declare: each [DataRow] once, else each [TestMethod] once.</summary>
    public int Declared { get; }

    /// <summary>Full names of the [Setup] and [Cleanup] methods (the launcher prints a line for them too).</summary>
    public IReadOnlyCollection<string> Fixtures { get; }

    public LauncherLine[] Lines { get; }

    public LauncherLine[] Cases => Lines.Where(l => !Fixtures.Contains(l.Method)).ToArray();

    public LauncherLine[] Failed => Lines.Where(l => l.Outcome != "passed").ToArray();

    /// <summary>Why this run is not a pass, or null.</summary>
    public string Problem()
    {
        string fault = Result.Fault(Assemblies);
        if (fault != null)
        {
            return fault;
        }

        if (Failed.Length > 0)
        {
            return $"{Failed.Length} of {Lines.Length} launcher lines did not pass:\n" +
                string.Join("\n", Failed.Take(40).Select(f => $"  {f.Outcome} {f.Method}.{f.Index}: {f.Detail}"));
        }

        int ran = Cases.Length;
        return ran == Declared ? null : $"{ran} cases ran on nanoCLR but the sources declare {Declared}";
    }

    private static LauncherLine Parse(string line)
    {
        if (!line.StartsWith("Test ", StringComparison.Ordinal))
        {
            return null;
        }

        int comma = line.IndexOf(',');
        int second = comma < 0 ? -1 : line.IndexOf(',', comma + 1);
        if (comma < 0 || second < 0)
        {
            return null;
        }

        string outcome = line.Substring(5, comma - 5);
        string name = line.Substring(comma + 1, second - comma - 1);
        int dot = name.LastIndexOf('.');
        int.TryParse(name.AsSpan(dot + 1), out int index);
        return new LauncherLine(outcome, name.Substring(0, dot), index, line.Substring(second + 1));
    }

    private static int DeclaredCases(string dll, out HashSet<string> fixtures)
    {
        fixtures = new HashSet<string>(StringComparer.Ordinal);
        using var stream = File.OpenRead(dll);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        int cases = 0;
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(typeHandle);
            if (!Has(md, type.GetCustomAttributes(), "TestClassAttribute"))
            {
                continue;
            }

            string typeName = md.GetString(type.Namespace) + "." + md.GetString(type.Name);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                if ((method.Attributes & System.Reflection.MethodAttributes.Public) != System.Reflection.MethodAttributes.Public)
                {
                    continue;
                }

                var attributes = method.GetCustomAttributes();
                int rows = attributes.Count(a => AttributeName(md, a) == "DataRowAttribute");
                cases += rows > 0 ? rows : (Has(md, attributes, "TestMethodAttribute") ? 1 : 0);
                if (Has(md, attributes, "SetupAttribute") || Has(md, attributes, "CleanupAttribute"))
                {
                    fixtures.Add(typeName + "." + md.GetString(method.Name));
                }
            }
        }

        return cases;
    }

    private static bool Has(MetadataReader md, CustomAttributeHandleCollection attributes, string name) =>
        attributes.Any(a => AttributeName(md, a) == name);

    private static string AttributeName(MetadataReader md, CustomAttributeHandle handle)
    {
        var ctor = md.GetCustomAttribute(handle).Constructor;
        EntityHandle parent = ctor.Kind == HandleKind.MemberReference
            ? md.GetMemberReference((MemberReferenceHandle)ctor).Parent
            : md.GetMethodDefinition((MethodDefinitionHandle)ctor).GetDeclaringType();
        return parent.Kind switch
        {
            HandleKind.TypeReference => md.GetString(md.GetTypeReference((TypeReferenceHandle)parent).Name),
            HandleKind.TypeDefinition => md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)parent).Name),
            _ => null,
        };
    }
}
