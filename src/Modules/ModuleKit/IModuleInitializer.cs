namespace ModuleKit;

/// <summary>
/// Work a module needs done once before the host serves traffic, such as checking its settings against its data.
/// Initializers run after every module's database is migrated, in no particular order.
/// </summary>
public interface IModuleInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
