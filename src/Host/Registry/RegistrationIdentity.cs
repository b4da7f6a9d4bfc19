using System.Security.Claims;
using ModuleRuntime.Remoting;

namespace Monolith.Host.Registry;

/// <summary>
/// Whether the caller's service identity is the module's it registers: a token signed with that module's own
/// credential, issued for the registry (docs/adr/0037, 0043). A token for another audience is refused as such.
/// </summary>
internal static class RegistrationIdentity
{
    public static bool Speaks(ClaimsPrincipal caller, string module) =>
        string.Equals(ServiceCaller.Require(caller, ServiceTokens.RegistryAudience).Module, module, StringComparison.OrdinalIgnoreCase);

    public static string Describe(ClaimsPrincipal caller) =>
        ServiceTokens.ModuleOf(caller.Identities.FirstOrDefault(i => i.AuthenticationType == ServiceTokens.Scheme)?.FindFirst("iss")?.Value) is { } module
            ? $"module {module}"
            : "(no module)";
}
