using System.Security.Claims;
using ModuleKit.Auth;

namespace Monolith.Host.Registry;

/// <summary>
/// Whether the caller's service identity is the module's it registers, renews or deregisters. The endpoints already
/// require a valid service token (<c>ServiceTokens.Policy</c>); this is the one place that says which module a token
/// stands for, so a change of service credentials changes only this class (docs/adr/0043).
/// </summary>
internal static class RegistrationIdentity
{
    /// <summary>A claim naming the module a service token was issued to, where tokens carry one.</summary>
    public const string ModuleClaim = "module";

    public static bool Speaks(ClaimsPrincipal caller, string module)
    {
        if (caller.FindFirst(ModuleClaim)?.Value is { } claimed)
        {
            return string.Equals(claimed, module, StringComparison.OrdinalIgnoreCase);
        }

        // Today's service tokens name the process as their subject: service:Tweets.Service for the Tweets service.
        return string.Equals(caller.FindFirst(TokenClaims.Subject)?.Value, $"service:{module}.Service", StringComparison.OrdinalIgnoreCase);
    }

    public static string Describe(ClaimsPrincipal caller) =>
        caller.FindFirst(ModuleClaim)?.Value is { } module ? $"module {module}" : caller.FindFirst(TokenClaims.Subject)?.Value ?? "(nobody)";
}
