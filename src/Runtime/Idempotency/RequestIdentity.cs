using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ModuleKit.Data;

namespace ModuleRuntime.Idempotency;

/// <summary>What makes two requests "the same request": who sent it, the key they gave it, and what it asks.</summary>
internal static class RequestIdentity
{
    /// <summary>The key, or a 400 problem when the header cannot be one.</summary>
    public static string Key(StringValues values)
    {
        if (values.Count != 1)
        {
            throw new InvalidIdempotencyKeyException($"Send one {IdempotencySetup.KeyHeader} header, not {values.Count}.");
        }

        var key = values[0] ?? string.Empty;
        if (key.Length is 0 or > IdempotencyKeys.KeyMaxLength || key.Any(c => c is < ' ' or > '~'))
        {
            throw new InvalidIdempotencyKeyException(
                $"The {IdempotencySetup.KeyHeader} header must be 1 to {IdempotencyKeys.KeyMaxLength} printable ASCII characters, such as a UUID.");
        }

        return key;
    }

    /// <summary>Keys are per caller, so one user's key can neither collide with nor reveal another's answer.</summary>
    public static string Caller(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : string.Empty;

    /// <summary>A SHA-256 of the method, path, query and body; the body stays readable for the endpoint.</summary>
    public static async Task<string> Fingerprint(HttpRequest request, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        request.EnableBuffering();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
