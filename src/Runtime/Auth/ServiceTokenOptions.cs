namespace ModuleRuntime.Auth;

/// <summary>
/// Settings of the modules' own service credentials (<c>Auth:Services</c>): the keys a module's calls and events are
/// signed with, one per module, held only by the processes that host it (docs/adr/0037).
/// </summary>
public sealed class ServiceTokenOptions
{
    public const string SectionName = "Auth:Services";

    /// <summary>Where a process publishes the public keys of the module credentials it holds.</summary>
    public const string KeysPath = "/.well-known/module-keys.json";

    /// <summary>
    /// Per module, by name: <c>PrivateKey</c> (PEM, for a process that hosts the module; otherwise the key file in
    /// <see cref="KeysDirectory"/> is used or created) and <c>PublicKey</c> (PEM, for a process that does not and
    /// should not ask <see cref="KeysUrl"/>).
    /// </summary>
    public Dictionary<string, ModuleKeySettings> Modules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The folder in the data directory holding <c>&lt;module&gt;.pem</c>, one private key per module hosted.</summary>
    public string KeysDirectory { get; set; } = "service-keys";

    /// <summary>
    /// Where the public keys of modules this process does not host are published. When empty, the front door's
    /// (<c>FrontDoor:Url</c>) <see cref="KeysPath"/>; with neither, only <see cref="Modules"/>' public keys count.
    /// </summary>
    public string? KeysUrl { get; set; }

    /// <summary>How long a service token is valid; it is reused for half of that.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>One module's credential in configuration.</summary>
    public sealed class ModuleKeySettings
    {
        public string? PrivateKey { get; set; }

        public string? PublicKey { get; set; }
    }
}
