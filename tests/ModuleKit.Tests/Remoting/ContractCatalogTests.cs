using System.Reflection;
using Logging;
using Logging.Contracts;
using MediatR;
using ModuleRuntime.Remoting;
using Tweets;
using Tweets.Contracts;
using Users;
using Users.Contracts;

namespace ModuleKit.Tests.Remoting;

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
    [InlineData(typeof(GetUserSummaries), true)]
    [InlineData(typeof(GetTweetCount), true)]
    [InlineData(typeof(RecordRequests), false)]
    public void A_shipped_contract_is_a_query_by_its_name(Type request, bool isQuery) =>
        catalog.Request(request).IsQuery.Should().Be(isQuery);

    [Theory]
    [InlineData(typeof(GetThing), true)]
    [InlineData(typeof(ListThings), true)]
    [InlineData(typeof(FindThing), true)]
    [InlineData(typeof(SearchThings), true)]
    [InlineData(typeof(CountThings), true)]
    [InlineData(typeof(ArchiveThing), false)]
    [InlineData(typeof(PostThing), false)]
    [InlineData(typeof(RenameThingGet), false)]
    [InlineData(typeof(Getaway), false)]
    [InlineData(typeof(CountryChanged), false)]
    public void Get_List_Find_Search_and_Count_at_the_start_of_the_name_make_a_query(Type request, bool isQuery) =>
        new RequestContract(request, typeof(int)).IsQuery.Should().Be(isQuery);

    public sealed record GetThing : IRequest<int>;

    public sealed record ListThings : IRequest<int>;

    public sealed record FindThing : IRequest<int>;

    public sealed record SearchThings : IRequest<int>;

    public sealed record CountThings : IRequest<int>;

    public sealed record ArchiveThing : IRequest<int>;

    public sealed record PostThing : IRequest<int>;

    public sealed record RenameThingGet : IRequest<int>;

    // The prefix must be a whole word: these only begin with the same letters.
    public sealed record Getaway : IRequest<int>;

    public sealed record CountryChanged : IRequest<int>;
}
