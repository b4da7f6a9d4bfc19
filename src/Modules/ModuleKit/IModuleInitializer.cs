namespace ModuleKit;

/// <summary>Work a module needs done once before the host serves traffic, such as migrating its database.</summary>
public interface IModuleInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
