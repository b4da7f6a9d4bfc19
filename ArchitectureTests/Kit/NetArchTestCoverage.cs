namespace ArchitectureTests.Kit;

/// <summary>
/// The hand-written types NetArchTest never looks at. It skips, without a word, every type whose full name starts
/// with System, Microsoft, xunit and a few more, so an extension class a module puts in
/// <c>Microsoft.Extensions.DependencyInjection</c> would pass every rule unread.
/// </summary>
internal static class NetArchTestCoverage
{
    public static IEnumerable<string> UnseenTypesIn(AssemblyDefinition assembly)
    {
        // NetArchTest lists the types it selected only as loaded System.Types, which fixtures cannot be; a custom
        // rule that keeps every type it is asked about sees the same selection without loading anything.
        var seen = new Recorder();
        Types.FromFile(assembly.File()).Should().MeetCustomRule(seen).GetResult();
        return assembly.MainModule.GetTypes()
            .Where(t => t.IsWrittenByHand() && !seen.FullNames.Contains(t.FullName))
            .Select(t => t.DisplayName());
    }

    private sealed class Recorder : ICustomRule
    {
        public HashSet<string> FullNames { get; } = [];

        public bool MeetsRule(TypeDefinition type)
        {
            FullNames.Add(type.FullName);
            return true;
        }
    }
}
