// The two MetadataProcessor classes that need mustache-sharp, with the signatures the console calls.
// Only -dump_all and -generateskeleton reach them; both fail with a clear message in this build.
using System;
using nanoFramework.Tools.MetadataProcessor;

namespace nanoFramework.Tools.MetadataProcessor.Core
{
    public sealed class nanoDumperGenerator
    {
        public nanoDumperGenerator(nanoTablesContext tablesContext, string path)
        {
        }

        public void DumpAll() => throw new NotSupportedException("-dump_all needs mustache-sharp, which this build leaves out");
    }

    public sealed class nanoSkeletonGenerator
    {
        public nanoSkeletonGenerator(nanoTablesContext tablesContext, string path, string name, string project, bool withoutInteropCode, bool isCoreLib)
        {
        }

        public void GenerateSkeleton() => throw new NotSupportedException("-generateskeleton needs mustache-sharp, which this build leaves out");
    }
}
