using System.Text;

namespace Host.IntegrationTests.Hostile;

/// <summary>
/// Generates the hostile requests for one operation from its OpenAPI description: its path and query parameters and
/// its body's property names decide what is aimed where. Nothing here names an endpoint.
/// </summary>
internal sealed class HostileCases(string validToken, string validUserId, IReadOnlyList<(string Name, string Token)> forgedTokens)
{
    private const string Json = "application/json";

    /// <summary>Values a path segment or query value may be, already percent-encoded as a URL carries them.</summary>
    private static readonly string[] HostileValues =
    [
        new('a', 5000), "-1", "0", "99999999999999999999", "-9223372036854775809", "1e308", "NaN", "abc", "%2F..%2F..%2Fetc%2Fpasswd",
        "a%2Fb", "%00", "%ff%fe", "%C0%AF", "%ED%A0%80", "%EF%BF%BF", "%E2%80%AE", "%E2%80%8B", "%20", "..", "'%20OR%201=1--", "%3Cscript%3E",
    ];

    /// <summary>Bodies that are not JSON, or not whole JSON.</summary>
    private static readonly string[] MalformedBodies =
    [
        "", "{", "}", "{\"a\":", "{\"a\":1,}", "{'a':'b'}", "not json", "{\"a\":\"unterminated", "{\"a\":1}}", "{\"a\":1} trailing",
        "[", "\"\\u12\"", "{\"a\":\"\\x\"}", "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":tru}", "\u00EF\u00BB\u00BF{", "nul", "{\"a\":\"\t\"}",
    ];

    /// <summary>Whole JSON documents of the wrong shape for any endpoint.</summary>
    private static readonly string[] WrongShapes = ["null", "true", "42", "\"text\"", "[]", "[{}]", "{}", "[null]", "-0", "1e400"];

    /// <summary>Values of the wrong type (or none) for a field, as JSON.</summary>
    private static readonly string[] WrongTypes =
        ["null", "123", "-1", "1.5", "true", "[]", "{}", "[\"a\"]", "{\"a\":1}", "99999999999999999999999", "\"\""];

    /// <summary>Strings a person would not type, as JSON string literals (escapes are the JSON's, not C#'s).</summary>
    private static readonly string[] UnicodeStrings =
    [
        "\"\\ud800\"", "\"\\udfff\"", "\"a\\ud83d\"", "\"\\ude00\\ud83d\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ufffe\"", "\"\\uffff\"",
        "\"\\ufdd0\"", "\"\\udbff\\udfff\"", "\"\\u202eevil\"", "\"\\u200b\"", "\"\\u200d\\u200d\"", "\"\\ufeff\"", "\"x" + string.Concat(Enumerable.Repeat("\\u0301", 500)) + "\"",
        "\"\\u001b[31m\"", "\"\\r\\n\"", "\"" + new string('a', 100_000) + "\"", "\"\\ud800\\ud800\"", "\"\U0001F468\u200D\U0001F469\u200D\U0001F467\"",
    ];

    /// <summary>Bytes that are not UTF-8, placed inside a JSON string.</summary>
    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE, 0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=foo",
        "application/json; charset=", "application/json; charset=utf-7", "application/json; charset=utf-16", "application/json; charset=\"\"",
        "application/json; charset=utf-32", "application/json; charset=iso-8859-1", "application/problem+json; charset=ebcdic", "application/*",
        "*/*", "json", ";", "application/json; charset=utf-8; charset=foo", "application/json; boundary=\"",
    ];

    public IEnumerable<HostileCase> For(ApiOperation operation)
    {
        var cases = new List<HostileCase>();
        var url = Url(operation, target: null, value: null);
        cases.AddRange(forgedTokens.Select(t => Case(operation, "token:" + t.Name, url, Body(operation), Json, t.Token)));
        cases.Add(Case(operation, "token:none", url, Body(operation), Json, token: null));

        foreach (var parameter in operation.PathParameters)
        {
            cases.AddRange(HostileValues.Select(v => Case(operation, "path:" + parameter.Name, Url(operation, parameter.Name, v), Body(operation), Json)));
        }

        foreach (var parameter in operation.QueryParameters)
        {
            cases.AddRange(HostileValues.Select(v => Case(operation, "query:" + parameter.Name, $"{url}{Separator(url)}{parameter.Name}={v}", Body(operation), Json)));
            cases.Add(Case(operation, "query:" + parameter.Name, $"{url}{Separator(url)}{parameter.Name}=1&{parameter.Name}=2", Body(operation), Json));
            cases.Add(Case(operation, "query:" + parameter.Name, $"{url}{Separator(url)}{parameter.Name}=", Body(operation), Json));
        }

        cases.Add(Case(operation, "query:unknown", $"{url}{Separator(url)}{new string('q', 3000)}=%00", Body(operation), Json));
        if (!operation.HasBody && operation.Method is "GET" or "DELETE" or "HEAD")
        {
            return cases;
        }

        cases.AddRange(MalformedBodies.Select(b => Case(operation, "body:malformed", url, Encoding.UTF8.GetBytes(b), Json)));
        cases.AddRange(WrongShapes.Select(b => Case(operation, "body:shape", url, Encoding.UTF8.GetBytes(b), Json)));
        cases.AddRange(ContentTypes.Select(c => Case(operation, "body:content-type", url, Body(operation), c)));
        cases.Add(Case(operation, "body:no-content-type", url, Body(operation), contentType: null));
        cases.Add(Case(operation, "body:deep", url, Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000)), Json));
        cases.Add(Case(operation, "body:deep", url, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000)), Json));
        cases.Add(Case(operation, "body:huge", url, Encoding.UTF8.GetBytes("{\"a\":\"" + new string('a', 2 * 1024 * 1024) + "\"}"), Json));
        cases.Add(Case(operation, "body:wide", url, Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("{}", 100_000)) + "]"), Json));
        foreach (var property in Fields(operation))
        {
            cases.AddRange(WrongTypes.Select(v => Case(operation, "field:type", url, Body(operation, property, v), Json)));
            cases.AddRange(UnicodeStrings.Select(v => Case(operation, "field:unicode", url, Body(operation, property, v), Json)));
            cases.AddRange(InvalidUtf8.Select(bytes => Case(operation, "field:utf8", url, BodyWithBytes(operation, property, bytes), Json)));
            cases.Add(Case(operation, "field:name", url, Encoding.UTF8.GetBytes($"{{\"{property}\\ud800\":\"x\",\"\\u0000\":1}}"), Json));
            cases.Add(Case(operation, "field:duplicate", url, Encoding.UTF8.GetBytes($"{{\"{property}\":\"a\",\"{property}\":1}}"), Json));
        }

        return cases;
    }

    private static string Separator(string url) => url.Contains('?', StringComparison.Ordinal) ? "&" : "?";

    /// <summary>The body's own properties, or a few common names when the document does not describe the body.</summary>
    private static IReadOnlyList<string> Fields(ApiOperation operation) =>
        operation.BodyProperties.Count > 0 ? operation.BodyProperties : ["id", "text", "path", "status"];

    /// <summary>A plausible body: every field a short valid-looking string, one field replaced by the given JSON.</summary>
    private byte[] Body(ApiOperation operation, string? target = null, string? json = null) =>
        Encoding.UTF8.GetBytes("{" + string.Join(',', Fields(operation).Select(f => $"\"{f}\":{(f == target ? json : Plausible(f))}")) + "}");

    private byte[] BodyWithBytes(ApiOperation operation, string target, byte[] bytes)
    {
        var marker = "\"__BYTES__\"";
        var text = Encoding.UTF8.GetString(Body(operation, target, marker));
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(text[..at] + "\"x"), .. bytes, .. Encoding.UTF8.GetBytes("y\"" + text[(at + marker.Length)..])];
    }

    private string Plausible(string field) => field.ToUpperInvariant() switch
    {
        "STATUS" or "DURATIONMS" or "LIMIT" => "200",
        "ID" or "USERID" => $"\"{validUserId}\"",
        _ => "\"hostile_value_1\"",
    };

    /// <summary>The operation's URL with one parameter set to a hostile value and the others to plausible ones.</summary>
    private string Url(ApiOperation operation, string? target, string? value)
    {
        var url = operation.PathTemplate;
        foreach (var parameter in operation.PathParameters)
        {
            var replacement = parameter.Name == target ? value! : parameter.IsNumber ? "1" : validUserId;
            url = url.Replace("{" + parameter.Name + "}", replacement, StringComparison.Ordinal);
        }

        return url;
    }

    private HostileCase Case(ApiOperation operation, string kind, string url, byte[]? body, string? contentType, string? token = "") =>
        new(operation.Name, kind, operation.Method, url,
            operation.HasBody || operation.Method is "POST" or "PUT" or "PATCH" ? body : null,
            operation.HasBody || operation.Method is "POST" or "PUT" or "PATCH" ? contentType : null,
            token == string.Empty ? validToken : token);
}
