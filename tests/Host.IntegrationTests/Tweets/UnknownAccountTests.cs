using Host.IntegrationTests.Hostile;
using Microsoft.Data.Sqlite;

namespace Host.IntegrationTests.Tweets;

/// <summary>
/// A correctly signed token for an account that does not exist may read, but neither post nor follow: Tweets refuses
/// a subject it has no member for and Users does not know, with 401 <c>urn:problem:unknown-account</c>. An account
/// Tweets has not heard of yet, because its <c>UserRegistered</c> is still on its way, is asked of Users and acts at once
/// (docs/adr/0037).
/// </summary>
public sealed class UnknownAccountTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string UnknownAccount = "urn:problem:unknown-account";

    [Fact]
    public async Task A_token_for_an_account_that_does_not_exist_cannot_post()
    {
        var ghost = Api.NewId("ghost");
        var client = host.CreateApiClient(ForgedTokens.SignedWithHostKey(host.DataPath, ghost));

        using var response = await client.Post("from nobody");

        var problem = await response.ShouldBeProblem(HttpStatusCode.Unauthorized, UnknownAccount);
        problem.GetProperty("detail").GetString().Should().Contain(ghost).And.Contain("log in again");
        using var theirs = await host.CreateApiClient().GetAsync(TweetsApi.UserTweets(ghost));
        theirs.StatusCode.Should().Be(HttpStatusCode.NotFound, "no tweet of theirs was stored, nor did they become a member");
    }

    [Fact]
    public async Task A_token_for_an_account_that_does_not_exist_cannot_follow()
    {
        var followee = await host.CreateApiClient().SignUpNew();
        var ghost = Api.NewId("ghost");
        var client = host.CreateApiClient(ForgedTokens.SignedWithHostKey(host.DataPath, ghost));

        using var response = await client.PutFollow(followee);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, UnknownAccount);
        (await host.CreateApiClient().GetStats(followee)).GetProperty("followers").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_new_account_Tweets_has_not_heard_of_yet_posts_and_follows_at_once()
    {
        var followee = await host.CreateApiClient().SignUpNew();
        var (id, _, client) = await host.SignedInUser();
        await Forget(id);

        using var posted = await client.Post("first words");
        using var followed = await client.PutFollow(followee);

        posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        followed.StatusCode.Should().Be(HttpStatusCode.NoContent, await followed.Content.ReadAsStringAsync());
    }

    // As if the account's UserRegistered had not arrived yet: Tweets has no member row for it.
    private async Task Forget(string id)
    {
        await host.EventsDelivered();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataPath, "tweets.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM Members WHERE Key = $key";
        command.Parameters.AddWithValue("$key", id.ToUpperInvariant());
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }
}
