namespace ArchitectureTests.Kit;

/// <summary>One breach of a rule: what broke it (usually a type) and how.</summary>
internal sealed record Violation(string Subject, string Problem)
{
    public override string ToString() => $"{Subject} {Problem}";
}

/// <summary>A rule's verdict, with its violations in a stable order so messages and diffs are deterministic.</summary>
internal sealed class RuleResult(string rule, IEnumerable<Violation> violations)
{
    public string Rule { get; } = rule;

    public IReadOnlyList<Violation> Violations { get; } = [.. violations
        .Distinct()
        .OrderBy(v => v.Subject, StringComparer.Ordinal)
        .ThenBy(v => v.Problem, StringComparer.Ordinal)];

    public bool Passed => Violations.Count == 0;

    public override string ToString() => Passed
        ? $"Rule kept: {Rule}."
        : $"Rule broken: {Rule}.{Environment.NewLine}{string.Join(Environment.NewLine, Violations.Select(v => $"  - {v}"))}";
}
