using System.Text.RegularExpressions;

namespace ArchitectureTests.Docs;

/// <summary>
/// An ADR is one page: context, decision, consequences, how to undo, in about 400 words. Walkthroughs belong in a
/// README beside the code. The index lists every record on one line.
/// </summary>
public sealed partial class DecisionRecordTests
{
    private const int MaxWords = 450;

    private static readonly string[] Sections = ["## Context", "## Decision", "## Consequences", "## How to undo"];

    private static readonly string Folder = Path.Combine(BuildOutput.RepositoryRoot(), "docs", "adr");

    public static TheoryData<string> Records() => [.. RecordFiles()];

    [Theory]
    [MemberData(nameof(Records))]
    public void Each_record_fits_on_one_page(string record)
    {
        var words = WordsIn(File.ReadAllText(Path.Combine(Folder, record)));

        words.Should().BeLessThanOrEqualTo(MaxWords, $"{record} should fit on one page; move a walkthrough into a README beside the code");
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Each_record_has_context_decision_consequences_and_how_to_undo_in_that_order(string record)
    {
        var headings = File.ReadAllLines(Path.Combine(Folder, record)).Where(line => line.StartsWith("## ", StringComparison.Ordinal));

        headings.Should().Equal(Sections, $"{record} should have exactly these sections");
    }

    [Fact]
    public void The_index_lists_every_record_on_one_line()
    {
        var index = File.ReadAllLines(Path.Combine(Folder, "README.md"));

        foreach (var record in RecordFiles())
        {
            index.Count(line => line.StartsWith($"| {record[..4]} |", StringComparison.Ordinal) && line.Contains($"({record})", StringComparison.Ordinal))
                .Should().Be(1, $"docs/adr/README.md should list {record} once");
        }
    }

    private static IEnumerable<string> RecordFiles() =>
        Directory.GetFiles(Folder, "*.md").Select(file => Path.GetFileName(file)).Where(name => RecordName().IsMatch(name)).Order(StringComparer.Ordinal);

    private static int WordsIn(string text) => Whitespace().Split(text.Trim()).Length;

    [GeneratedRegex(@"^[0-9]{4}-[a-z0-9-]+\.md$")]
    private static partial Regex RecordName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
