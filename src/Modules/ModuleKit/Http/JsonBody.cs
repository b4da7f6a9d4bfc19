using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModuleKit.Problems;

namespace ModuleKit.Http;

/// <summary>
/// Reads a JSON body as a document for endpoints that take it as it comes rather than binding it to a type. Parsing
/// alone does not check the text inside strings: a lone surrogate escape ("\ud800") or bytes that are not UTF-8 only
/// fail later, when some code reads the string, as an InvalidOperationException (a 500). Every string and property
/// name is checked here instead, so the caller gets a document whose every string can be read.
/// </summary>
public static class JsonBody
{
    // Enough of a property name to find it in the body; a longer one, or one with other characters, is not echoed.
    private const int MaxNameInPath = 40;

    /// <summary>The body parsed and checked as JSON whatever its content type says, for endpoints that take JSON under other labels.</summary>
    public static async Task<JsonDocument> ParseJsonDocumentAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException malformed)
        {
            throw new BadHttpRequestException("The body is not valid JSON.", StatusCodes.Status400BadRequest, malformed);
        }

        if (UnreadableText(body.RootElement, "$") is { } path)
        {
            body.Dispose();
            throw new MalformedRequestException(
                $"The request body holds text that is not valid Unicode at {path}: a lone surrogate such as \\ud800, or bytes that are not UTF-8.");
        }

        return body;
    }

    /// <summary>The path of the first string or property name that cannot be read as UTF-16, or null when all can.</summary>
    private static string? UnreadableText(JsonElement element, string root)
    {
        // The path is built only for the bad string, from the segments its callers add as the search unwinds, so a
        // good body (every request) allocates nothing for it.
        var segments = new List<string>();
        return IsUnreadable(element, segments) ? root + string.Concat(Enumerable.Reverse(segments)) : null;
    }

    private static bool IsUnreadable(JsonElement element, List<string> segments)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return !CanRead(element);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (IsUnreadable(item, segments))
                    {
                        segments.Add($"[{index}]");
                        return true;
                    }

                    index++;
                }

                return false;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!CanRead(property, out var name))
                    {
                        segments.Add(".<name>");
                        return true;
                    }

                    if (IsUnreadable(property.Value, segments))
                    {
                        segments.Add("." + Shown(name));
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>A property name as the path shows it: plain names as they are, anything else (the client's text) as "?".</summary>
    private static string Shown(string name) =>
        name.Length is > 0 and <= MaxNameInPath && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name : "?";

    // System.Text.Json reports text it cannot transcode only when it is read, and only as InvalidOperationException
    // (with a DecoderFallbackException inside for bad UTF-8); for an element already known to be a string or a name,
    // that is the only reason it throws.
    private static bool CanRead(JsonElement text)
    {
        try
        {
            _ = text.GetString();
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool CanRead(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or DecoderFallbackException)
        {
            name = string.Empty;
            return false;
        }
    }
}
