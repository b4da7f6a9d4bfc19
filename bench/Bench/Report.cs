using System.Globalization;
using System.Text;

namespace Monolith.Bench;

/// <summary>The Markdown report: a goals table first, then one section per scenario with its numbers.</summary>
internal sealed class Report
{
    private readonly List<(string Goal, string Measured, bool? Met)> goals = [];
    private readonly StringBuilder sections = new();

    public void Goal(string goal, string measured, bool? met) => goals.Add((goal, measured, met));

    public void Section(string title, string text)
    {
        sections.AppendLine(CultureInfo.InvariantCulture, $"### {title}").AppendLine().AppendLine(text.TrimEnd()).AppendLine();
        Console.WriteLine();
        Console.WriteLine($"### {title}");
        Console.WriteLine(text.TrimEnd());
        Console.WriteLine();
    }

    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }

    public string Render(string heading)
    {
        var text = new StringBuilder();
        text.AppendLine(heading).AppendLine();
        text.AppendLine("### Goals").AppendLine();
        text.Append(Table(
            ["Goal", "Measured: median (min–max)", "Met"],
            goals.Select(g => (IReadOnlyList<string>)[g.Goal, g.Measured, g.Met switch { true => "yes", false => "**no**", null => "(reported)" }])));
        text.AppendLine();
        text.Append(sections);
        return text.ToString();
    }
}
