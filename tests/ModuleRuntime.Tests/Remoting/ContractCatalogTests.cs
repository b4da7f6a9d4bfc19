using System.Reflection;
using ContractKinds;
using Logging;
using Logging.Contracts;
using MediatR;
using ModuleRuntime.Remoting;
using Tweets;
using Tweets.Contracts;
using Users;
using Users.Contracts;

namespace ModuleRuntime.Tests.Remoting;

/// <summary>The contract surface found by scanning the shipped modules' Contracts assemblies, never listed by hand.</summary>
public sealed class ContractCatalogTests
{
    private static readonly Assembly[] ModuleAssemblies =
        [typeof(UsersModule).Assembly, typeof(TweetsModule).Assembly, typeof(LoggingModule).Assembly];

    private static readonly Assembly[] ContractsAssemblies =
        [typeof(GetUserSummaries).Assembly, typeof(GetTweetCount).Assembly, typeof(RecordRequests).Assembly];

    private readonly ContractCatalog catalog = new(ModuleAssemblies);

    [Fact]
    public void Every_request_in_the_modules_contracts_is_found()
    {
        // Read here with plain reflection over the Contracts assemblies, apart from the catalog's own scan.
        var declared = ContractsAssemblies
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false }
                && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .Select(t => t.FullName)
            .ToList();

        declared.Should().Contain(["Users.Contracts.GetUserSummaries", "Tweets.Contracts.GetTweetCount", "Logging.Contracts.RecordRequests"]);
        catalog.Requests.Select(r => r.Name).Should().BeEquivalentTo(declared);
    }

    [Theory]
    [InlineData(typeof(GetUserSummaries), typeof(IReadOnlyList<UserSummary>), "Users")]
    [InlineData(typeof(GetTweetCount), typeof(int), "Tweets")]
    [InlineData(typeof(RecordRequests), typeof(RecordedRequests), "Logging")]
    public void A_request_is_known_by_its_full_name_with_its_response_type_and_owning_module(Type request, Type response, string module)
    {
        catalog.TryGetRequest(request.FullName!, out var contract).Should().BeTrue();

        contract.Type.Should().Be(request);
        contract.ResponseType.Should().Be(response);
        contract.Module.Should().Be(module);
        catalog.Request(request).Should().BeSameAs(contract);
    }

    [Fact]
    public void Events_are_found_and_are_not_requests()
    {
        catalog.TryGetEvent(typeof(UserRegistered).FullName!, out var registered).Should().BeTrue();
        catalog.TryGetEvent(typeof(TweetPosted).FullName!, out var posted).Should().BeTrue();

        registered.Should().Be(typeof(UserRegistered));
        posted.Should().Be(typeof(TweetPosted));
        catalog.TryGetRequest(typeof(UserRegistered).FullName!, out _).Should().BeFalse();
        catalog.TryGetEvent(typeof(GetTweetCount).FullName!, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("GetUserSummaries")]
    [InlineData("Users.Contracts.getusersummaries")]
    [InlineData("Users.Contracts.GetUserSummaries ")]
    [InlineData("Users.UsersModule")]
    public void A_name_that_is_not_exactly_a_contracts_full_name_is_unknown(string name) =>
        catalog.TryGetRequest(name, out _).Should().BeFalse();

    [Theory]
    [InlineData(typeof(GetawayBooked), false)]
    [InlineData(typeof(CountryChanged), false)]
    [InlineData(typeof(GetThing), false)]
    [InlineData(typeof(Weather), true)]
    [InlineData(typeof(RenameThing), true)]
    public void A_contract_is_a_query_or_a_command_by_the_kind_its_type_declares_whatever_its_name(Type request, bool isQuery) =>
        new RequestContract(request, typeof(int)).IsQuery.Should().Be(isQuery);

    [Theory]
    [InlineData(typeof(Unkinded))]
    [InlineData(typeof(BothKinds))]
    public void A_request_that_does_not_declare_exactly_one_kind_is_refused_by_name(Type request) =>
        FluentActions.Invoking(() => new RequestContract(request, typeof(int)))
            .Should().Throw<InvalidOperationException>()
            .WithMessage($"Contract {request.FullName} must declare exactly one kind: IQuery<TResponse>*ICommand<TResponse>*");

    // Names that begin with a query's verb, or with none, to show the name plays no part.
    public sealed record GetawayBooked : ICommand<int>;

    public sealed record CountryChanged : ICommand<int>;

    public sealed record GetThing : ICommand<int>;

    public sealed record Weather : IQuery<int>;

    public sealed record RenameThing : IQuery<int>;

    public sealed record Unkinded : IRequest<int>;

    public sealed record BothKinds : IQuery<int>, ICommand<int>;
}
