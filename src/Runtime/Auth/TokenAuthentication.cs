using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ModuleKit;
using ModuleKit.Auth;
using ModuleKit.Settings;

namespace ModuleRuntime.Auth;

public static class TokenAuthentication
{
    /// <summary>
    /// The HttpOnly cookie in which the web UI's session keeps the access token (written by the Host's <c>/ui/session</c>).
    /// </summary>
    public const string SessionCookie = "monolith_session";

    /// <summary>
    /// The header a state-changing request must carry for <see cref="SessionCookie"/> to count. Browsers let a page
    /// send a custom header only to its own origin (no CORS is granted), so a forged cross-site form cannot.
    /// </summary>
    public const string CsrfHeader = "X-Requested-With";

    /// <summary>
    /// Bearer-token validation as every process does it: the process checks signature, issuer, audience and
    /// expiry itself, so no call back to the Users module is needed to know who is calling.
    /// </summary>
    public static IServiceCollection AddTokenAuthentication(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        services.AddValidatedOptions<TokenOptions, TokenOptionsValidator>(configuration.GetSection(TokenOptions.SectionName));
        // Loaded (or generated) now, so a bad key stops start-up with a clear message instead of failing the first request.
        var settings = configuration.GetSection(TokenOptions.SectionName).Get<TokenOptions>() ?? new TokenOptions();
        services.AddSingleton(SigningKey.Load(settings, data));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<TokenOptions>, SigningKey>((bearer, tokens, key) =>
            {
                bearer.MapInboundClaims = false;
                bearer.Events = new JwtBearerEvents { OnMessageReceived = ReadSessionCookie, OnTokenValidated = RequireSubject };
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = tokens.Value.Issuer,
                    ValidAudience = tokens.Value.Audience,
                    IssuerSigningKey = key.SecurityKey,
                    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = TokenClaims.Subject,
                    RoleClaimType = TokenClaims.Role,
                };
            });
        services.AddAuthorization(options => options.AddPolicy(TokenClaims.AdminPolicy, policy => policy.RequireRole(TokenClaims.AdminRole)));
        return services;
    }

    /// <summary>
    /// The same token from the web UI's cookie when no Authorization header is sent; validated exactly as a header
    /// token. A request that could change something counts the cookie only with <see cref="CsrfHeader"/>
    /// (docs/adr/0020).
    /// </summary>
    private static Task ReadSessionCookie(MessageReceivedContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.Count == 0
            && request.Cookies.TryGetValue(SessionCookie, out var token)
            && (IsSafe(request.Method) || request.Headers.ContainsKey(CsrfHeader)))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A correctly signed token that names nobody (no <c>sub</c>, or a blank one) is refused here, as a 401, because
    /// every endpoint behind <c>RequireAuthorization</c> takes the caller's id from it and must be able to trust it is there.
    /// </summary>
    private static Task RequireSubject(TokenValidatedContext context)
    {
        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(TokenClaims.Subject)?.Value))
        {
            context.Fail("The token names no subject.");
        }

        return Task.CompletedTask;
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
