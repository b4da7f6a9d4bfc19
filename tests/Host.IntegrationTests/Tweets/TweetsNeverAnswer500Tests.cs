using Microsoft.Data.Sqlite;
using Tweets.Application;

namespace Host.IntegrationTests.Tweets;

/// <summary>
/// Failures that used to surface as 500s: racing deletes, a Users module that cannot name authors, a member list
/// that cannot be written during a sign-up; and ids echoed back at any length.
/// </summary>
public sealed class TweetsNeverAnswer500Tests(TweetsHost host) : IClassFixture<TweetsHost>
{
    private const int ParallelDeletes = 8;

    private readonly HttpClient anonymous = host.CreateApiClient();

    [Fact]
    public async Task Parallel_deletes_of_one_own_tweet_answer_one_204_and_otherwise_404_never_a_500()
    {
        var (_, token, author) = await host.SignedInUser();
        var tweetIds = await author.PostTweets(6, "raced");
        var clients = Enumerable.Range(0, ParallelDeletes).Select(_ => host.CreateApiClient(token)).ToList();

        foreach (var tweetId in tweetIds)
        {
            var responses = await Task.WhenAll(clients.Select(c => c.DeleteAsync(TweetsApi.Tweet(tweetId))));

            var answers = await Task.WhenAll(responses.Select(async r => (r.StatusCode, Body: await r.Content.ReadAsStringAsync())));
            answers.Should().ContainSingle(a => a.StatusCode == HttpStatusCode.NoContent, "one delete wins: {0}", Describe(answers));
            foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.NoContent))
            {
                await loser.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
            }

            using var fetched = await anonymous.GetAsync(TweetsApi.Tweet(tweetId));
            await fetched.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
            Dispose(responses);
        }
    }

    [Fact]
    public async Task Deleting_someone_elses_tweet_is_still_a_403_and_the_tweet_stays()
    {
        var (_, _, author) = await host.SignedInUser();
        var (_, _, other) = await host.SignedInUser();
        var tweetId = await author.PostTweet("not yours to delete");

        using var response = await other.DeleteAsync(TweetsApi.Tweet(tweetId));

        await response.ShouldBeProblem(HttpStatusCode.Forbidden, TweetsApi.ForbiddenType);
        (await anonymous.GetTweet(tweetId)).Text.Should().Be("not yours to delete");
    }

    [Fact]
    public async Task While_the_Users_module_cannot_name_authors_timelines_and_tweets_show_ids_and_names_return_afterwards()
    {
        var (id, _, client) = await host.SignedInUser();
        using (var renamed = await client.Rename("Named Author"))
        {
            renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var tweetId = await client.PostTweet("named or not");

        TimelinePage global;
        TweetItem single;
        TimelinePage own;
        using (host.UsersOutage.Begin())
        {
            global = await anonymous.Page(TweetsApi.Tweets);
            single = await anonymous.GetTweet(tweetId);
            own = await anonymous.Page(TweetsApi.UserTweets(id));
        }

        global.Items.Should().NotBeEmpty().And.OnlyContain(t => t.AuthorName == t.AuthorId);
        global.Items.Should().Contain(t => t.Id == tweetId && t.AuthorId == id);
        single.AuthorName.Should().Be(id);
        own.Items.Should().ContainSingle().Which.AuthorName.Should().Be(id);
        (await anonymous.GetTweet(tweetId)).AuthorName.Should().Be("Named Author");
        (await anonymous.Page(TweetsApi.Tweets)).Items.Should().Contain(t => t.Id == tweetId && t.AuthorName == "Named Author");
    }

    [Fact]
    public async Task A_404_for_an_absurdly_long_user_id_echoes_only_its_first_64_characters()
    {
        var (_, _, client) = await host.SignedInUser();
        var longId = string.Concat(Enumerable.Range(0, 100).Select(i => (char)('a' + (i % 26)))) + new string('z', 900);

        using var timeline = await anonymous.GetAsync(TweetsApi.UserTweets(longId));
        using var stats = await anonymous.GetAsync(TweetsApi.Stats(longId));
        using var follow = await client.PutFollow(longId);

        foreach (var response in new[] { timeline, stats, follow })
        {
            var problem = await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
            var detail = problem.GetProperty("detail").GetString();
            detail.Should().Contain($"'{longId[..64]}…'").And.NotContain(longId[..65]);
        }
    }

    [Fact]
    public async Task A_sign_up_succeeds_while_the_Tweets_member_list_cannot_be_written_and_the_user_can_be_followed_afterwards()
    {
        await using var lockedHost = new HostFactory();
        var tweetsDb = Path.Combine(lockedHost.DataPath, "tweets.db");
        // A short busy wait, so the member insert gives up quickly while the test holds the write lock.
        lockedHost.With("Modules:Tweets:Database:ConnectionString", $"Data Source={tweetsDb};Default Timeout=1");
        var visitor = lockedHost.CreateApiClient();
        var (_, _, follower) = await lockedHost.SignedInUser();
        var id = Api.NewId("locked");

        HttpStatusCode signUp;
        string body;
        await using (var writer = await WriteLock(tweetsDb))
        {
            using var response = await visitor.SignUp(id);
            (signUp, body) = (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        signUp.Should().Be(HttpStatusCode.Created, body);
        // UserRegistered waited in the Users outbox while the lock refused the member insert, and arrives once it is gone.
        await lockedHost.EventsDelivered();
        (await MemberRows(tweetsDb, id)).Should().Be(1, "the event is delivered, once, after the lock is released");
        await follower.Follow(id);
        (await visitor.Page(TweetsApi.UserTweets(id))).Items.Should().BeEmpty();
        (await visitor.GetStats(id)).GetProperty("followers").GetInt32().Should().Be(1);
        var author = lockedHost.CreateApiClient(await visitor.TokenFor(id));
        var tweetId = await author.PostTweet("signed up during a lock");
        (await follower.Page(TweetsApi.Home)).Items.Should().ContainSingle().Which.Id.Should().Be(tweetId);
    }

    /// <summary>A connection holding SQLite's write lock on the file until it is disposed.</summary>
    private static async Task<SqliteConnection> WriteLock(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<long> MemberRows(string path, string id)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Members WHERE Id = $id;";
        count.Parameters.AddWithValue("$id", id);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static string Describe(IEnumerable<(HttpStatusCode StatusCode, string Body)> answers) =>
        string.Join("; ", answers.Select(a => $"{(int)a.StatusCode} {a.Body}"));

    private static void Dispose(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
