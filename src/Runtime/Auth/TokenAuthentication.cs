using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModuleKit;
using ModuleKit.Auth;
using ModuleKit.Settings;
using ModuleRuntime.Remoting;

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
    /// Bearer-token validation as every process does it, with two schemes. User access tokens (the default scheme):
    /// the process checks signature, issuer, audience and expiry itself, with public keys only unless it hosts Users
    /// (<see cref="UserTokenValidationKeys"/>). Service tokens (<see cref="ServiceTokens.Scheme"/>, for the internal
    /// endpoints only): signed with the calling module's own credential (<see cref="ModuleCredentials"/>). No call back
    /// to the Users module is needed to know who is calling (docs/adr/0006, 0037).
    /// </summary>
    public static IServiceCollection AddTokenAuthentication(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        services.AddValidatedOptions<TokenOptions, TokenOptionsValidator>(configuration.GetSection(TokenOptions.SectionName));
        services.AddValidatedOptions<ServiceTokenOptions, ServiceTokenOptionsValidator>(configuration.GetSection(ServiceTokenOptions.SectionName));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer().AddJwtBearer(ServiceTokens.Scheme, _ => { });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<TokenOptions>, UserTokenValidationKeys>((bearer, tokens, keys) =>
            {
                var issuer = tokens.Value.Issuer;
                bearer.MapInboundClaims = false;
                bearer.Events = new JwtBearerEvents
                {
                    OnMessageReceived = async context =>
                    {
                        ReadSessionCookie(context);
                        if (Peek(context) is { } token && token.Issuer == issuer)
                        {
                            await keys.Prepare(token.Kid, context.HttpContext.RequestAborted);
                        }
                    },
                    OnTokenValidated = RequireSubject,
                };
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = issuer,
                    ValidAudience = tokens.Value.Audience,
                    IssuerSigningKeyResolver = (_, _, _, _) => keys.Keys,
                    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = TokenClaims.Subject,
                    RoleClaimType = TokenClaims.Role,
                };
            });
        services.AddOptions<JwtBearerOptions>(ServiceTokens.Scheme)
            .Configure<ModuleCredentials>((bearer, credentials) =>
            {
                bearer.MapInboundClaims = false;
                bearer.Events = new JwtBearerEvents
                {
                    OnMessageReceived = async context =>
                    {
                        if (Peek(context) is { } token && ServiceTokens.ModuleOf(token.Issuer) is { } module)
                        {
                            await credentials.Prepare(module, token.Kid, context.HttpContext.RequestAborted);
                        }
                    },
                };
                bearer.TokenValidationParameters = ServiceTokenValidation(credentials);
            });
        services.AddAuthorization(options =>
        {
            options.AddPolicy(TokenClaims.AdminPolicy, policy => policy.RequireRole(TokenClaims.AdminRole));
            // Both schemes, so that a user's token is recognised (403: signed in, but not a process of this deployment)
            // rather than unknown (401); only the service scheme's identity passes.
            options.AddPolicy(ServiceTokens.Policy, policy => policy
                .AddAuthenticationSchemes(ServiceTokens.Scheme, JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == ServiceTokens.Scheme)));
        });
        services.AddSingleton(UserTokenValidationKeys.Create);
        return services;
    }

    /// <summary>
    /// How a service token is checked: issued by <c>module:&lt;name&gt;</c> and signed with that module's own key (a key
    /// validates only its own module's tokens), for a module or for the event fan-out, unexpired. Whether it is for
    /// the very module an endpoint serves is the endpoint's check (<see cref="ServiceCaller.Require"/>).
    /// </summary>
    public static TokenValidationParameters ServiceTokenValidation(ModuleCredentials credentials) => new()
    {
        AuthenticationType = ServiceTokens.Scheme,
        IssuerValidator = (issuer, _, _) => ServiceTokens.ModuleOf(issuer) is not null
            ? issuer
            : throw new SecurityTokenInvalidIssuerException($"'{issuer}' is not a module's issuer."),
        AudienceValidator = (audiences, _, _) => audiences.Any(a => a is ServiceTokens.EventsAudience or ServiceTokens.RegistryAudience || ServiceTokens.ModuleOf(a) is not null),
        IssuerSigningKeyResolver = (_, token, _, _) => credentials.ValidationKeys(ServiceTokens.ModuleOf(token.Issuer) ?? string.Empty),
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = TokenClaims.Subject,
        RoleClaimType = TokenClaims.Role,
    };

    /// <summary>
    /// The module credentials of this process: the private key of each module in <paramref name="hostedModules"/>,
    /// loaded now so a bad key stops start-up, and the public keys of the others (configured, or fetched from the
    /// front door's <see cref="ServiceTokenOptions.KeysPath"/>).
    /// </summary>
    public static IServiceCollection AddModuleCredentials(
        this IServiceCollection services, IConfiguration configuration, DataDirectory data, IEnumerable<string> hostedModules)
    {
        var settings = configuration.GetSection(ServiceTokenOptions.SectionName).Get<ServiceTokenOptions>() ?? new ServiceTokenOptions();
        var (own, configured) = ModuleCredentials.Load(settings, data, hostedModules);
        var url = settings.KeysUrl is { Length: > 0 } given ? Absolute(given, $"{ServiceTokenOptions.SectionName}:KeysUrl")
            : FrontDoor(configuration, ServiceTokenOptions.KeysPath);
        services.AddSingleton(provider => new ModuleCredentials(own, configured, url is null ? null : Fetcher(provider, url, ModuleCredentials.ParseDocument)));
        services.AddHostedService<KeyPrefetch>();
        return services;
    }

    internal static PublishedKeys Fetcher(IServiceProvider provider, Uri url, Func<string, IReadOnlyDictionary<string, IReadOnlyList<SecurityKey>>> parse)
    {
        var tokens = provider.GetRequiredService<IOptions<TokenOptions>>().Value;
        return new PublishedKeys(url, parse, tokens.KeysRefreshInterval, tokens.KeysRefreshMinimum,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PublishedKeys>>());
    }

    /// <summary><paramref name="path"/> on the front door (<c>FrontDoor:Url</c>), or null when none is configured.</summary>
    internal static Uri? FrontDoor(IConfiguration configuration, string path) =>
        configuration[Routing.ModuleRouter.FrontDoorKey] is { Length: > 0 } frontDoor
            ? new Uri(Routing.ModuleRouter.ParseDestination(frontDoor), path.TrimStart('/'))
            : null;

    internal static Uri Absolute(string url, string key) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"{key} must be an absolute http(s) URL, not '{url}'.");

    /// <summary>The bearer token of the request (header, or the session cookie the default scheme took), read without checking it.</summary>
    private static JsonWebToken? Peek(MessageReceivedContext context)
    {
        var raw = context.Token;
        if (raw is null)
        {
            var header = context.Request.Headers.Authorization.ToString();
            raw = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        }

        if (string.IsNullOrEmpty(raw) || raw.Length > 16 * 1024)
        {
            return null;
        }

        try
        {
            return new JsonWebToken(raw);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The same token from the web UI's cookie when no Authorization header is sent; validated exactly as a header
    /// token. A request that could change something counts the cookie only with <see cref="CsrfHeader"/>
    /// (docs/adr/0020).
    /// </summary>
    private static void ReadSessionCookie(MessageReceivedContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.Count == 0
            && request.Cookies.TryGetValue(SessionCookie, out var token)
            && (IsSafe(request.Method) || request.Headers.ContainsKey(CsrfHeader)))
        {
            context.Token = token;
        }
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
