using System.Xml.Linq;

namespace NanoMqtt.NanoClr;

/// <summary>
/// What a Visual Studio nanoFramework project (.nfproj) says about its build: the assembly name, the C#
/// version, the compile list, the library references and the referenced projects.
/// </summary>
public sealed class NfProject
{
    private NfProject(string path, XDocument xml)
    {
        Path = System.IO.Path.GetFullPath(path);
        string dir = System.IO.Path.GetDirectoryName(Path);
        AssemblyName = Property(xml, "AssemblyName") ?? System.IO.Path.GetFileNameWithoutExtension(path);
        LangVersion = Property(xml, "LangVersion");
        IsExe = string.Equals(Property(xml, "OutputType"), "Exe", StringComparison.OrdinalIgnoreCase);
        Sources = Items(xml, "Compile").Select(i => Resolve(dir, i)).ToArray();
        ProjectReferences = Items(xml, "ProjectReference").Select(i => Resolve(dir, i)).ToArray();
        References = xml.Descendants().Where(e => e.Name.LocalName == "Reference")
            .Select(e => (string)e.Attribute("Include"))
            .Select(name => name.Split(',')[0].Trim())
            .ToArray();
    }

    public string Path { get; }

    public string AssemblyName { get; }

    /// <summary>The project's LangVersion, or null when it leaves it to the project system.</summary>
    public string LangVersion { get; }

    public bool IsExe { get; }

    public string[] Sources { get; }

    public string[] ProjectReferences { get; }

    /// <summary>The assembly names of its library references (mscorlib, nanoFramework.TestFramework, ...).</summary>
    public string[] References { get; }

    public static NfProject Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new NanoToolchainException($"{path}: no such project");
        }

        return new NfProject(path, XDocument.Load(path));
    }

    private static string Property(XDocument xml, string name) =>
        xml.Descendants().FirstOrDefault(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup")?.Value.Trim();

    private static IEnumerable<string> Items(XDocument xml, string kind) =>
        xml.Descendants().Where(e => e.Name.LocalName == kind).Select(e => (string)e.Attribute("Include"));

    private static string Resolve(string dir, string include) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, include.Replace('\\', '/')));
}
