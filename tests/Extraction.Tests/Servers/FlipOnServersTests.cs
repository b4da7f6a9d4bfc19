using Extraction.Tests.Routing;

namespace Extraction.Tests.Servers;

/// <summary>
/// The route flip of <see cref="FlipUnderLoadTests"/> with every module's data on PostgreSQL and events on RabbitMQ: no
/// request fails, and what the load posted, on either side of the flip, is in the Tweets module's PostgreSQL database.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class FlipOnServersTests(ServersFixture servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Moving_Tweets_out_and_back_in_under_load_on_PostgreSQL_and_RabbitMQ_fails_no_request()
    {
        var databases = await servers.NewDatabases();
        await using var deployment = new Deployment(databases.Shape("Tweets"));
        await FlipUnderLoadTests.MoveOutAndBackIn(deployment, "Tweets", output);

        (await Postgres.Count(databases.Connections["Tweets"], """SELECT COUNT(*) FROM "Tweets" WHERE "Text" LIKE '% says %'""")).Should().BeGreaterThan(0,
            "the posts of the load went to the module's PostgreSQL database");
    }
}
