using Microsoft.IdentityModel.Tokens;
using ModuleKit;
using ModuleKit.Auth;

namespace ModuleRuntime.Auth;

/// <summary>
/// Each module's own service credential as this process knows it: the private key of every module it hosts (it signs
/// that module's calls and events), and the public keys of the others, from configuration or published by the
/// process at <see cref="ServiceTokenOptions.KeysUrl"/> (the Host, which hosts every module). A key validates only
/// tokens that name its own module as issuer, so holding one module's credential lets a process speak for that
/// module alone.
/// </summary>
public sealed class ModuleCredentials
{
    private readonly Dictionary<string, SigningKey> own;
    private readonly Dictionary<string, IReadOnlyList<SecurityKey>> configured;

    public ModuleCredentials(IReadOnlyDictionary<string, SigningKey> own, IReadOnlyDictionary<string, IReadOnlyList<SecurityKey>> configured, PublishedKeys? published)
    {
        this.own = new Dictionary<string, SigningKey>(own, StringComparer.OrdinalIgnoreCase);
        this.configured = new Dictionary<string, IReadOnlyList<SecurityKey>>(configured, StringComparer.OrdinalIgnoreCase);
        Published = published;
    }

    /// <summary>Where the other modules' public keys are fetched from; null when only configuration gives them.</summary>
    public PublishedKeys? Published { get; }

    /// <summary>The modules this process holds a credential for, in their own casing.</summary>
    public IReadOnlyCollection<string> Held => own.Keys;

    public bool Holds(string module) => own.ContainsKey(module);

    /// <summary>The private key <paramref name="module"/> signs with; only for a module this process hosts.</summary>
    public SigningKey SigningKeyOf(string module) => own.TryGetValue(module, out var key)
        ? key
        : throw new InvalidOperationException(
            $"This process does not hold the service credential of the {module} module, so it cannot speak for it: only a process that hosts a module signs its calls and events.");

    /// <summary>The keys that validate a token issued by <paramref name="module"/>.</summary>
    public IEnumerable<SecurityKey> ValidationKeys(string module)
    {
        var keys = Enumerable.Empty<SecurityKey>();
        if (own.TryGetValue(module, out var key))
        {
            keys = keys.Append(key.PublicKey);
        }

        if (configured.TryGetValue(module, out var given))
        {
            keys = keys.Concat(given);
        }

        return Published is null ? keys : keys.Concat(Published.Keys(module));
    }

    /// <summary>Fetches the published keys first when <paramref name="keyId"/> of <paramref name="module"/> is not known yet.</summary>
    public Task Prepare(string module, string? keyId, CancellationToken cancellationToken) =>
        Published is null || ValidationKeys(module).Any(k => k.KeyId == keyId)
            ? Task.CompletedTask
            : Published.Prepare(module, keyId, cancellationToken);

    /// <summary>The public keys of the credentials held here, by module: what this process publishes.</summary>
    public IReadOnlyDictionary<string, JsonWebKeys> Publishable() =>
        own.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => JsonWebKeys.Of([k.Value.PublicKey]), StringComparer.Ordinal);

    /// <summary>
    /// The private key of each hosted module (<c>Auth:Services:Modules:&lt;Name&gt;:PrivateKey</c>, or else
    /// <c>&lt;data&gt;/service-keys/&lt;name&gt;.pem</c>, created when missing) and the configured public keys of the
    /// others. Loaded while services are registered, so a bad key stops start-up naming the setting or file.
    /// </summary>
    public static (Dictionary<string, SigningKey> Own, Dictionary<string, IReadOnlyList<SecurityKey>> Configured) Load(
        ServiceTokenOptions options, DataDirectory data, IEnumerable<string> hostedModules)
    {
        var own = new Dictionary<string, SigningKey>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in hostedModules)
        {
            own[module] = options.Modules.GetValueOrDefault(module)?.PrivateKey is { Length: > 0 } pem && !string.IsNullOrWhiteSpace(pem)
                ? SigningKey.FromPem(pem, $"configuration value {ServiceTokenOptions.SectionName}:Modules:{module}:PrivateKey")
                : SigningKey.LoadOrCreate(Path.Combine(data.Path, options.KeysDirectory, module.ToLowerInvariant() + ".pem"));
        }

        var configured = new Dictionary<string, IReadOnlyList<SecurityKey>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (module, settings) in options.Modules)
        {
            if (!string.IsNullOrWhiteSpace(settings.PublicKey))
            {
                configured[module] = [EcKeys.PublicFromPem(settings.PublicKey, $"configuration value {ServiceTokenOptions.SectionName}:Modules:{module}:PublicKey")];
            }
        }

        return (own, configured);
    }

    /// <summary>A published module-keys document (<c>{"modules":{"Users":{"keys":[…]}}}</c>) as keys by module.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<SecurityKey>> ParseDocument(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var keys = new Dictionary<string, IReadOnlyList<SecurityKey>>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in document.RootElement.GetProperty("modules").EnumerateObject())
        {
            keys[module.Name] = JsonWebKeys.Parse(module.Value.GetRawText());
        }

        return keys;
    }
}

/// <summary>The document a process publishes at <see cref="ServiceTokenOptions.KeysPath"/>.</summary>
public sealed record ModuleKeysDocument(IReadOnlyDictionary<string, JsonWebKeys> Modules);
