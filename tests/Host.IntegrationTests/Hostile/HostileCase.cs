namespace Host.IntegrationTests.Hostile;

/// <summary>
/// One hostile request: the URL is sent as written (already percent-encoded where it means to be), the body as raw
/// bytes with exactly this Content-Type header (none when null).
/// </summary>
internal sealed record HostileCase(
    string Operation,
    string Kind,
    string Method,
    string Url,
    byte[]? Body = null,
    string? ContentType = null,
    string? Token = null)
{
    public string Id { get; } = Guid.NewGuid().ToString("N");

    public override string ToString() => $"{Kind}: {Method} {(Url.Length > 120 ? Url[..120] + "..." : Url)}"
        + (ContentType is null ? string.Empty : $" [{ContentType}]")
        + (Body is null ? string.Empty : $" body {(Body.Length > 160 ? Body.Length + " bytes" : System.Text.Encoding.UTF8.GetString(Body))}");
}
