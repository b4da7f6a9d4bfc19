using System.Text.Json;

namespace Monolith.Host.FrontDoor.Shadow;

/// <summary>One way two answers differ: where (<c>status</c>, <c>header:Name</c> or a JSON pointer into the body), and the two values.</summary>
internal sealed record Difference(string Where, string? Expected, string? Actual);

/// <summary>
/// Compares the in-process answer with the extracted one: status, the configured headers, and the body — as JSON
/// (property order and configured fields ignored) when both are JSON, byte for byte otherwise.
/// </summary>
internal static class AnswerComparison
{
    private const int MaxDifferences = 10;

    public static IReadOnlyList<Difference> Compare(Answer expected, Answer actual, IReadOnlyCollection<string> ignoredFields)
    {
        var differences = new List<Difference>();
        if (expected.Status != actual.Status)
        {
            differences.Add(new("status", expected.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), actual.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        foreach (var name in expected.Headers.Keys.Union(actual.Headers.Keys, StringComparer.OrdinalIgnoreCase))
        {
            var (left, right) = (expected.Headers.GetValueOrDefault(name), actual.Headers.GetValueOrDefault(name));
            if (!string.Equals(left, right, StringComparison.Ordinal))
            {
                differences.Add(new($"header:{name}", left, right));
            }
        }

        if (IsJson(expected.ContentType) && IsJson(actual.ContentType) && TryParse(expected.Body, out var left2) && TryParse(actual.Body, out var right2))
        {
            using (left2)
            using (right2)
            {
                var ignored = new HashSet<string>(ignoredFields, StringComparer.OrdinalIgnoreCase);
                CompareJson(left2!.RootElement, right2!.RootElement, "", ignored, differences);
            }
        }
        else if (!expected.Body.AsSpan().SequenceEqual(actual.Body))
        {
            differences.Add(new("body", $"{expected.Body.Length} bytes", $"{actual.Body.Length} bytes"));
        }

        return differences.Count > MaxDifferences ? differences[..MaxDifferences] : differences;
    }

    private static void CompareJson(JsonElement left, JsonElement right, string pointer, HashSet<string> ignored, List<Difference> differences)
    {
        if (differences.Count > MaxDifferences)
        {
            return;
        }

        if (left.ValueKind != right.ValueKind)
        {
            differences.Add(new(Where(pointer), left.GetRawText(), right.GetRawText()));
            return;
        }

        switch (left.ValueKind)
        {
            case JsonValueKind.Object:
                var names = left.EnumerateObject().Select(p => p.Name).Union(right.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
                foreach (var name in names.Where(n => !ignored.Contains(n)))
                {
                    var (hasLeft, hasRight) = (left.TryGetProperty(name, out var l), right.TryGetProperty(name, out var r));
                    var at = $"{pointer}/{Escape(name)}";
                    if (hasLeft && hasRight)
                    {
                        CompareJson(l, r, at, ignored, differences);
                    }
                    else
                    {
                        differences.Add(new(at, hasLeft ? l.GetRawText() : null, hasRight ? r.GetRawText() : null));
                    }
                }

                break;
            case JsonValueKind.Array:
                var (leftItems, rightItems) = (left.EnumerateArray().ToList(), right.EnumerateArray().ToList());
                if (leftItems.Count != rightItems.Count)
                {
                    differences.Add(new($"{Where(pointer)} (length)", leftItems.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), rightItems.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                for (var i = 0; i < Math.Min(leftItems.Count, rightItems.Count); i++)
                {
                    CompareJson(leftItems[i], rightItems[i], $"{pointer}/{i}", ignored, differences);
                }

                break;
            case JsonValueKind.String:
                // As values, not as written: "+" and "\u002B" are the same string.
                if (left.GetString() != right.GetString())
                {
                    differences.Add(new(Where(pointer), left.GetRawText(), right.GetRawText()));
                }

                break;
            default:
                if (left.GetRawText() != right.GetRawText())
                {
                    differences.Add(new(Where(pointer), left.GetRawText(), right.GetRawText()));
                }

                break;
        }
    }

    private static string Where(string pointer) => pointer.Length == 0 ? "/" : pointer;

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static bool TryParse(byte[] body, out JsonDocument? document)
    {
        try
        {
            document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            document = null;
            return false;
        }
    }
}
