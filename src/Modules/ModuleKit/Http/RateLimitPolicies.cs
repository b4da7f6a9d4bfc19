namespace ModuleKit.Http;

/// <summary>
/// The rate-limit policies every process registers (settings under <c>RateLimits</c>), for a module to put on an
/// endpoint with <c>RequireRateLimiting</c>. A refused request is answered 429 <c>urn:problem:too-many-requests</c>
/// with <c>Retry-After</c>.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Account creation, per client address.</summary>
    public const string SignUp = "sign-up";

    /// <summary>Password log-in, per client address.</summary>
    public const string LogIn = "log-in";

    /// <summary>Exchanging a refresh token for a new access token, per client address.</summary>
    public const string Refresh = "refresh";

    /// <summary>Log records sent in, per client address.</summary>
    public const string LogIngestion = "log-ingestion";

    /// <summary>
    /// Changes (POST, PUT, PATCH, DELETE) by a signed-in user, per user; every module's public routes carry it unless
    /// an endpoint names another policy.
    /// </summary>
    public const string Writes = "writes";
}
