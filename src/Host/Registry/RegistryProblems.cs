using ModuleKit.Problems;
using ModuleRuntime.Discovery;

namespace Monolith.Host.Registry;

/// <summary>A heartbeat or deregistration for a lease the registry does not hold: the instance registers again (404).</summary>
internal sealed class UnknownLeaseException(string message) : ProblemException(message)
{
    public override int StatusCode => 404;
    public override string Type => RegistryPaths.UnknownLease;
    public override string Title => "Unknown lease";
}

/// <summary>An instance whose module database is not the Host's copy of it: it would answer from other data (409).</summary>
internal sealed class ForeignDatabaseException(string message) : ProblemException(message)
{
    public override int StatusCode => 409;
    public override string Type => RegistryPaths.ForeignDatabase;
    public override string Title => "Foreign module database";
}

/// <summary>A valid service token that does not stand for the module being registered (403).</summary>
internal sealed class WrongServiceIdentityException(string message) : ProblemException(message)
{
    public override int StatusCode => 403;
    public override string Type => RegistryPaths.WrongServiceIdentity;
    public override string Title => "Wrong service identity";
}
