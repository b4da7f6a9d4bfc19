using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModuleKit.Auth;
using ModuleKit.Problems;
using ModuleRuntime.Auth;
using ModuleRuntime.Problems;

namespace ModuleRuntime.Remoting;

/// <summary>
/// Short-lived tokens one process presents to another's internal endpoints (contracts, event inbox), in the name of
/// one module: signed with that module's own credential, issued as <c>module:&lt;caller&gt;</c> for the one module
/// called (<c>module:&lt;callee&gt;</c>) or, for an event handed to the front door's fan-out, for
/// <see cref="EventsAudience"/>. The subject is the user the call is made for, so the receiver logs who it serves,
/// or <c>module:&lt;caller&gt;</c> for the module's own work. Cached, so a call costs no signing (docs/adr/0037).
/// </summary>
public sealed class ServiceTokens(ModuleCredentials credentials, IOptions<ServiceTokenOptions> options, TimeProvider clock)
{
    public const string Policy = "service";
    public const string Scheme = "ServiceToken";

    /// <summary>The audience of an event handed to the front door to deliver to whichever modules subscribe to it.</summary>
    public const string EventsAudience = "module-events";

    /// <summary>The audience of an instance's calls to the Host's registry: it registers as its own module (docs/adr/0043).</summary>
    public const string RegistryAudience = "module-registry";

    private const string Prefix = "module:";
    private const int MaxCached = 10_000;

    private readonly JsonWebTokenHandler handler = new();
    private readonly ConcurrentDictionary<(string Caller, string Audience, string Subject), (string Token, DateTimeOffset RenewAt)> cache = new();

    /// <summary>The issuer of <paramref name="module"/>'s tokens, and the audience of tokens for it.</summary>
    public static string Of(string module) => Prefix + module;

    /// <summary>The module a <c>module:&lt;name&gt;</c> issuer or audience names, or null for anything else.</summary>
    public static string? ModuleOf(string? issuerOrAudience) =>
        issuerOrAudience is { Length: > 7 } value && value.StartsWith(Prefix, StringComparison.Ordinal) ? value[Prefix.Length..] : null;

    /// <summary>A token for <paramref name="caller"/>'s call to <paramref name="audience"/>, made for <paramref name="userId"/> if any.</summary>
    public string For(string caller, string audience, string? userId)
    {
        var key = credentials.SigningKeyOf(caller);
        var subject = string.IsNullOrEmpty(userId) ? Of(caller) : userId;
        var now = clock.GetUtcNow();
        if (cache.TryGetValue((caller, audience, subject), out var cached) && cached.RenewAt > now)
        {
            return cached.Token;
        }

        if (cache.Count >= MaxCached)
        {
            cache.Clear();
        }

        var lifetime = options.Value.TokenLifetime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Of(caller),
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = key.Credentials,
            Claims = new Dictionary<string, object> { [TokenClaims.Subject] = subject },
        });
        cache[(caller, audience, subject)] = (token, now + lifetime / 2);
        return token;
    }
}

/// <summary>Who is calling an internal endpoint, as its validated service token says.</summary>
/// <param name="Module">The calling module (the token's issuer).</param>
/// <param name="UserId">The user the call is made for, or null for the module's own work.</param>
public sealed record ServiceCaller(string Module, string? UserId)
{
    /// <summary>
    /// The caller of this request, whose token must be for <paramref name="audience"/>: a token another module was given
    /// (or one for the event fan-out) is refused here with 403 <c>urn:problem:wrong-audience</c>, even in a process that
    /// hosts both modules.
    /// </summary>
    public static ServiceCaller Require(ClaimsPrincipal user, string audience)
    {
        var identity = user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == ServiceTokens.Scheme)
            ?? throw new ForbiddenException("Only another process of this deployment, with a service token, may call this endpoint.");
        var module = ServiceTokens.ModuleOf(identity.FindFirst("iss")?.Value)
            ?? throw new ForbiddenException("The service token names no calling module.");
        var audiences = identity.FindAll("aud").Select(c => c.Value).ToList();
        if (!audiences.Contains(audience, StringComparer.OrdinalIgnoreCase))
        {
            throw new WrongAudienceException(
                $"The service token of the {module} module was issued for {string.Join(", ", audiences)}, not for {audience}; a token is good only for the module it was issued for.");
        }

        return new ServiceCaller(module, UserOf(user));
    }

    /// <summary>
    /// The user a request is served for: the subject of a user's access token, or the user a service token says the
    /// call is made for (none when it is a module's own work).
    /// </summary>
    public static string? UserOf(ClaimsPrincipal user)
    {
        var service = user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == ServiceTokens.Scheme);
        var subject = (service ?? user.Identity as ClaimsIdentity)?.FindFirst(TokenClaims.Subject)?.Value;
        return subject is null || (service is not null && ServiceTokens.ModuleOf(subject) is not null) ? null : subject;
    }
}
