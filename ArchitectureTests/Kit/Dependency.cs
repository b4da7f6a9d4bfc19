namespace ArchitectureTests.Kit;

/// <summary>A type some code mentions, and the assembly that type lives in.</summary>
internal sealed record Dependency(string Type, string Assembly)
{
    public override string ToString() => $"{Type} (assembly {Assembly})";
}

/// <summary>One hand-written type depending on one other type.</summary>
internal sealed record Usage(string Type, Dependency Dependency)
{
    public override string ToString() => $"{Type} depends on {Dependency}";
}
