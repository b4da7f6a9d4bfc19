using System.Reflection;
using ModuleRuntime.Remoting;

namespace ArchitectureTests.Discovery;

/// <summary>
/// Whether a contract is retried and may fall back is decided by its kind, so each one is pinned here: a new contract,
/// or one whose kind changes, fails until the list below says what it is.
/// </summary>
public sealed class ContractKindsTests
{
    private static readonly string[] Pinned =
    [
        "Logging.Contracts.RecordRequests: command",
        "Tweets.Contracts.GetTweetCount: query",
        "Users.Contracts.EndSession: command",
        "Users.Contracts.GetUserSummaries: query",
        "Users.Contracts.RefreshSession: command",
    ];

    [Fact]
    public void Every_contract_in_the_build_is_served_with_the_kind_pinned_here()
    {
        // The catalog the hosts build at start-up, over every module discovered in the build output.
        var catalog = new ContractCatalog(BuildOutput.Model.Modules.Select(m => Assembly.Load(m.Name)));

        catalog.Requests
            .Select(r => $"{r.Name}: {(r.IsQuery ? "query" : "command")}")
            .Order(StringComparer.Ordinal)
            .Should().Equal(Pinned);
    }
}
