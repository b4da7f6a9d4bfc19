namespace ArchitectureTests.Kit;

internal static class AssemblyFacts
{
    /// <summary>The file the assembly was read from: NetArchTest reads its own copy of the same file.</summary>
    public static string File(this AssemblyDefinition assembly) => assembly.MainModule.FileName;

    /// <summary>An assembly <paramref name="from"/> references, when the folder it was read from or the runtime has it.</summary>
    public static AssemblyDefinition? TryResolve(this AssemblyDefinition from, AssemblyNameReference reference)
    {
        try
        {
            return from.MainModule.AssemblyResolver.Resolve(reference);
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }
}
