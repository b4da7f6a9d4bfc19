namespace Host.IntegrationTests.Tweets;

/// <summary>Simultaneous requests on real Kestrel and SQLite: no 500s, no duplicates, nothing lost.</summary>
public sealed class TweetsConcurrencyTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Twenty_parallel_follows_of_one_user_by_one_follower_all_succeed_and_count_once()
    {
        var (_, token, _) = await host.SignedInUser();
        var (followee, _, followeeClient) = await host.SignedInUser();
        await followeeClient.PostTweet("followed in a hurry");
        var clients = Enumerable.Range(0, 20).Select(_ => host.CreateApiClient(token)).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.PutFollow(followee)));

        var answers = await Task.WhenAll(responses.Select(async r => (r.StatusCode, Body: await r.Content.ReadAsStringAsync())));
        answers.Should().AllSatisfy(a => a.StatusCode.Should().Be(HttpStatusCode.NoContent, a.Body));
        var stats = await host.CreateApiClient().GetStats(followee);
        stats.GetProperty("followers").GetInt32().Should().Be(1);
        (await clients[0].Page(TweetsApi.Home)).Items.Should().ContainSingle();
        Dispose(responses);
    }

    [Fact]
    public async Task Parallel_follows_and_unfollows_never_fail_and_leave_at_most_one_follow()
    {
        var (_, token, _) = await host.SignedInUser();
        var (followee, _, _) = await host.SignedInUser();
        var clients = Enumerable.Range(0, 20).Select(_ => host.CreateApiClient(token)).ToList();

        var responses = await Task.WhenAll(clients.Select((c, i) => i % 2 == 0 ? c.PutFollow(followee) : c.DeleteFollow(followee)));

        responses.Should().AllSatisfy(r => r.StatusCode.Should().Be(HttpStatusCode.NoContent));
        (await host.CreateApiClient().GetStats(followee)).GetProperty("followers").GetInt32().Should().BeInRange(0, 1);
        Dispose(responses);
    }

    [Fact]
    public async Task Fifty_parallel_posts_from_several_users_all_succeed_and_each_appears_exactly_once_in_the_global_timeline()
    {
        var users = new List<HttpClient>();
        for (var i = 0; i < 5; i++)
        {
            users.Add((await host.SignedInUser()).Client);
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => users[i % users.Count].Post($"parallel {i}")));

        var answers = await Task.WhenAll(responses.Select(async r => (r.StatusCode, Body: await r.Content.ReadAsStringAsync())));
        answers.Should().AllSatisfy(a => a.StatusCode.Should().Be(HttpStatusCode.Created, a.Body));
        var ids = (await Task.WhenAll(responses.Select(async r => (await r.Json()).GetProperty("id").GetInt64()))).ToList();
        ids.Should().OnlyHaveUniqueItems();
        var timeline = await host.CreateApiClient().Walk(TweetsApi.Tweets, 7);
        timeline.Select(t => t.Id).Should().OnlyHaveUniqueItems().And.BeInDescendingOrder();
        timeline.Select(t => t.Id).Intersect(ids).Should().HaveCount(50);
        timeline.Where(t => t.Text.StartsWith("parallel ", StringComparison.Ordinal)).Select(t => t.Text)
            .Should().BeEquivalentTo(Enumerable.Range(0, 50).Select(i => $"parallel {i}"));
        Dispose(responses);
    }

    private static void Dispose(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
