namespace ModuleKit.Events;

/// <summary>A module's database context type, so the kit can keep its outbox and inbox in the module's own database.</summary>
internal sealed record ModuleStore(string Module, Type ContextType);
