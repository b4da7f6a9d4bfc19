using Microsoft.Data.Sqlite;
using Tweets.Contracts;

namespace Host.IntegrationTests.Tweets;

/// <summary>Modules:Tweets:Paging is honoured, and a bad value stops the Host at start-up.</summary>
public sealed class TweetsPagingConfigurationTests
{
    [Fact]
    public async Task Configured_default_and_maximum_page_sizes_are_used()
    {
        await using var host = new HostFactory().With("Modules:Tweets:Paging:Default", "3").With("Modules:Tweets:Paging:Max", "5");
        var (id, _, client) = await host.SignedInUser();
        await client.PostTweets(7);

        var byDefault = await client.Page(TweetsApi.UserTweets(id));
        var capped = await client.Page(TweetsApi.UserTweets(id), limit: 1000);

        byDefault.Items.Should().HaveCount(3);
        capped.Items.Should().HaveCount(5);
        capped.NextCursor.Should().NotBeNull();
    }

    [Theory]
    [InlineData("Modules:Tweets:Paging:Default", "0")]
    [InlineData("Modules:Tweets:Paging:Max", "10")]
    [InlineData("Modules:Tweets:Paging:Max", "501")]
    public async Task A_bad_page_size_setting_stops_the_Host_at_start_up_naming_the_section(string key, string value)
    {
        await using var host = new HostFactory().With("Modules:Tweets:Paging:Default", "20").With(key, value);

        var start = () => host.Address;

        start.Should().Throw<Exception>().Where(e => Messages(e).Any(m => m.Contains("Modules:Tweets:Paging", StringComparison.Ordinal)));
    }

    private static IEnumerable<string> Messages(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current.Message;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Messages))
                {
                    yield return inner;
                }
            }
        }
    }
}

/// <summary>
/// An account the Tweets module never heard about (older than its data, or its event lost) is still found, by
/// asking the Users contract, and then remembered.
/// </summary>
public sealed class MemberFallbackTests(TweetsHost host) : IClassFixture<TweetsHost>
{
    [Fact]
    public async Task A_user_missing_from_the_local_member_list_can_still_be_followed_listed_and_counted()
    {
        var (_, _, follower) = await host.SignedInUser();
        var (id, _, client) = await host.SignedInUser(Api.NewId("Forgotten"));
        await client.PostTweet("from before");
        await ForgetMember(id);

        await follower.Follow(id.ToLowerInvariant());
        var page = await follower.Page(TweetsApi.UserTweets(id));
        var stats = await follower.GetStats(id.ToUpperInvariant());

        page.Items.Should().ContainSingle().Which.AuthorId.Should().Be(id);
        stats.GetProperty("userId").GetString().Should().Be(id, "the id comes back in the casing the user chose");
        stats.GetProperty("followers").GetInt32().Should().Be(1);
        stats.GetProperty("followedByYou").GetBoolean().Should().BeTrue();
        (await host.Send(new GetTweetCount(id))).Should().Be(1);
    }

    [Fact]
    public async Task A_user_found_through_the_contract_is_remembered_so_the_next_lookup_asks_nothing()
    {
        var (id, _, _) = await host.SignedInUser();
        await ForgetMember(id);
        using (var first = await host.CreateApiClient().GetAsync(TweetsApi.UserTweets(id)))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var before = host.SummaryCalls.Count;

        using var second = await host.CreateApiClient().GetAsync(TweetsApi.UserTweets(id));

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        host.SummaryCalls.Count.Should().Be(before, "an empty page names no authors, and the member is known by now");
    }

    // Stands in for an account created before this module kept its member list.
    private async Task ForgetMember(string id)
    {
        // The member row comes from UserRegistered, which is dispatched after the sign-up answered.
        await host.EventsDelivered();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataPath, "tweets.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM Members WHERE Key = $key";
        command.Parameters.AddWithValue("$key", id.ToUpperInvariant());
        (await command.ExecuteNonQueryAsync()).Should().Be(1, "the member was recorded from UserRegistered");
    }
}
