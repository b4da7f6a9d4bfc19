namespace ModuleKit.Problems;

/// <summary>The stable <c>type</c> values of every problem body the product returns.</summary>
public static class ProblemTypes
{
    public const string Validation = "urn:problem:validation";
    public const string MalformedRequest = "urn:problem:malformed-request";
    public const string UnsupportedMediaType = "urn:problem:unsupported-media-type";
    public const string PayloadTooLarge = "urn:problem:payload-too-large";
    public const string NotFound = "urn:problem:not-found";
    public const string MethodNotAllowed = "urn:problem:method-not-allowed";
    public const string Conflict = "urn:problem:conflict";
    public const string Forbidden = "urn:problem:forbidden";
    public const string Unauthorized = "urn:problem:unauthorized";
    public const string UnknownAccount = "urn:problem:unknown-account";
    public const string WrongAudience = "urn:problem:wrong-audience";
    public const string EventNotOwned = "urn:problem:event-not-owned";
    public const string TooManyRequests = "urn:problem:too-many-requests";
    public const string Unexpected = "urn:problem:unexpected";
    public const string ModuleUnavailable = "urn:problem:module-unavailable";
    public const string ModuleTimeout = "urn:problem:module-timeout";
    public const string DatabaseUnavailable = "urn:problem:database-unavailable";
    public const string InvalidIdempotencyKey = "urn:problem:invalid-idempotency-key";
    public const string IdempotencyKeyReused = "urn:problem:idempotency-key-reused";
}
