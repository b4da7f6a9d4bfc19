using ModuleRuntime.Composition;
using ModuleRuntime.Problems;
using ModuleRuntime.Remoting;

namespace ModuleRuntime.Events;

/// <summary>
/// An event is accepted only from the module that owns its type (the module whose Contracts assembly declares it), and
/// only as that module's own: the sender's credential, the envelope's source and the type's owner must all be the same
/// module (docs/adr/0037). Otherwise one module could make others act on another module's facts, or have a relay sign
/// as another module.
/// </summary>
internal static class EventOwnership
{
    private const string ContractsNamespace = ".Contracts.";

    /// <summary>The module that owns the event type <paramref name="typeName"/>, or null when neither the catalog nor its name says.</summary>
    public static string? OwnerOf(ContractCatalog contracts, string typeName)
    {
        if (contracts.TryGetEvent(typeName, out var type))
        {
            return ModuleNames.Of(type);
        }

        // A type this process does not know (a newer sender): the naming convention still names its module.
        var at = typeName.IndexOf(ContractsNamespace, StringComparison.Ordinal);
        return at > 0 ? typeName[..at] : null;
    }

    /// <summary>Throws <see cref="EventNotOwnedException"/> (403) unless <paramref name="sender"/> owns and sourced the event.</summary>
    public static void Require(ContractCatalog contracts, EventEnvelope envelope, string sender)
    {
        if (!string.Equals(envelope.Source, sender, StringComparison.OrdinalIgnoreCase))
        {
            throw new EventNotOwnedException(
                $"The event {envelope.Id} says it comes from the {Cut(envelope.Source)} module, but was sent with the {sender} module's credential.");
        }

        var owner = OwnerOf(contracts, envelope.Type);
        if (owner is null || !string.Equals(owner, sender, StringComparison.OrdinalIgnoreCase))
        {
            throw new EventNotOwnedException(
                $"{Cut(envelope.Type)} is an event of the {owner ?? "unknown"} module; the {sender} module may not raise it.");
        }
    }

    private static string Cut(string text) => text.Length <= 128 ? text : ModuleKit.Text.UserText.Cut(text, 128) + "…";
}
