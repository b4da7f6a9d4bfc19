using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ModuleKit.Auth;

namespace ModuleRuntime.Auth;

/// <summary>
/// The public keys this process validates user access tokens with. In a process that hosts Users, the keys Users
/// holds itself (<see cref="UserTokenKeys"/>: current and retired). Anywhere else public keys alone: those in
/// <c>Auth:Jwt:PublicKeys</c>, or else the JWKS the Users-hosting process publishes (<c>Auth:Jwt:KeysUrl</c>, by default
/// the front door's <see cref="TokenOptions.KeysPath"/>), fetched and cached. Such a process holds no private key
/// for user tokens and cannot sign one (docs/adr/0037).
/// </summary>
public sealed class UserTokenValidationKeys
{
    private readonly UserTokenKeys? local;
    private readonly IReadOnlyList<SecurityKey> configured;

    private UserTokenValidationKeys(UserTokenKeys? local, IReadOnlyList<SecurityKey> configured, PublishedKeys? published, string source)
    {
        this.local = local;
        this.configured = configured;
        Published = published;
        Source = source;
    }

    /// <summary>Where the keys come from, for logs and errors.</summary>
    public string Source { get; }

    /// <summary>The fetched keys, when they are fetched.</summary>
    public PublishedKeys? Published { get; }

    /// <summary>Whether this process signs user tokens (it hosts Users).</summary>
    public bool Signs => local is not null;

    public IEnumerable<SecurityKey> Keys => local?.Published ?? (Published is null ? configured : Published.Keys(string.Empty));

    /// <summary>Fetches the published keys first when <paramref name="keyId"/> is not known yet; nothing to do otherwise.</summary>
    public Task Prepare(string? keyId, CancellationToken cancellationToken) =>
        Published is null ? Task.CompletedTask : Published.Prepare(string.Empty, keyId, cancellationToken);

    internal static UserTokenValidationKeys Create(IServiceProvider provider)
    {
        if (provider.GetService<UserTokenKeys>() is { } local)
        {
            return new UserTokenValidationKeys(local, [], null, "the user-token keys this process holds (it hosts Users)");
        }

        var options = provider.GetRequiredService<IOptions<TokenOptions>>().Value;
        if (options.PublicKeys.Any(k => !string.IsNullOrWhiteSpace(k)))
        {
            return new UserTokenValidationKeys(null, [.. options.PublicKeys
                .Select((pem, i) => (pem, i))
                .Where(k => !string.IsNullOrWhiteSpace(k.pem))
                .Select(k => EcKeys.PublicFromPem(k.pem, $"configuration value {TokenOptions.SectionName}:PublicKeys:{k.i}"))], null, $"{TokenOptions.SectionName}:PublicKeys");
        }

        var url = Url(provider.GetRequiredService<IConfiguration>(), options)
            ?? throw new InvalidOperationException(NoSource);
        return new UserTokenValidationKeys(null, [], TokenAuthentication.Fetcher(provider, url, PublishedKeys.ParseJwks), url.ToString());
    }

    /// <summary>
    /// Whether a process whose services are <paramref name="services"/> can validate user tokens: it hosts Users, or
    /// it is told where the public keys are. Checked while services are registered, so the mistake stops start-up.
    /// </summary>
    internal static void CheckSource(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TokenOptions.SectionName).Get<TokenOptions>() ?? new TokenOptions();
        if (!services.Any(d => d.ServiceType == typeof(UserTokenKeys))
            && !options.PublicKeys.Any(k => !string.IsNullOrWhiteSpace(k))
            && Url(configuration, options) is null)
        {
            throw new InvalidOperationException(NoSource);
        }
    }

    private const string NoSource =
        "This process does not host Users, so it validates user tokens with public keys alone: set Auth:Jwt:KeysUrl (the JWKS of a "
        + "process hosting Users), Auth:Jwt:PublicKeys, or FrontDoor:Url (its /.well-known/jwks.json is used).";

    private static Uri? Url(IConfiguration configuration, TokenOptions options) =>
        options.KeysUrl is { Length: > 0 } given
            ? TokenAuthentication.Absolute(given, $"{TokenOptions.SectionName}:KeysUrl")
            : TokenAuthentication.FrontDoor(configuration, TokenOptions.KeysPath);
}
