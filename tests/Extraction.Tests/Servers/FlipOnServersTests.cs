using Extraction.Tests.Routing;

namespace Extraction.Tests.Servers;

/// <summary>The route flip of <see cref="FlipUnderLoadTests"/> with every module's data on PostgreSQL and events on RabbitMQ: no request fails.</summary>
[Collection(ServersCollection.Name)]
public sealed class FlipOnServersTests(ServersFixture servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Moving_Tweets_out_and_back_in_under_load_on_PostgreSQL_and_RabbitMQ_fails_no_request()
    {
        var databases = await servers.NewDatabases();
        await using var deployment = new Deployment(databases.Shape("Tweets"));
        await FlipUnderLoadTests.MoveOutAndBackIn(deployment, "Tweets", output);
    }
}
