using Microsoft.Data.Sqlite;

namespace Host.IntegrationTests.Idempotency;

/// <summary>A module remembers a key for <c>Idempotency:Retention</c>; after that a repeat runs again, and the key is swept.</summary>
public sealed class KeyRetentionTests
{
    [Fact]
    public async Task After_the_retention_a_repeated_key_runs_again()
    {
        await using var host = new HostFactory().With("Idempotency:Retention", "01:00:00");
        var (id, _, client) = await host.SignedInUser();
        var key = Keyed.NewKey();
        using var first = await client.PostTweet(key, "Remembered for an hour");
        using var withinTheHour = await client.PostTweet(key, "Remembered for an hour");

        host.Clock.Advance(TimeSpan.FromMinutes(61));
        using var later = await client.PostTweet(key, "Remembered for an hour");

        withinTheHour.WasReplayed().Should().BeTrue();
        later.StatusCode.Should().Be(HttpStatusCode.Created);
        later.WasReplayed().Should().BeFalse();
        later.Headers.Location.Should().NotBe(first.Headers.Location);
        (await client.TweetCount(id)).Should().Be(2);
    }

    [Fact]
    public async Task Expired_keys_are_deleted_in_the_background()
    {
        await using var host = new HostFactory().With("Idempotency:Retention", "01:00:00").With("Idempotency:SweepInterval", "00:00:00.050");
        var (_, _, client) = await host.SignedInUser();
        using var posted = await client.PostTweet(Keyed.NewKey(), "Soon forgotten");
        Keys(host).Should().Be(1);

        host.Clock.Advance(TimeSpan.FromMinutes(61));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Keys(host) > 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Keys(host).Should().Be(0);
    }

    [Theory]
    [InlineData("Idempotency:Retention", "00:00:00")]
    [InlineData("Idempotency:SweepInterval", "-00:01:00")]
    public void A_retention_or_sweep_interval_that_is_not_positive_stops_the_start_with_its_name(string setting, string value)
    {
        using var host = new HostFactory().With(setting, value);

        var start = () => host.Address;

        start.Should().Throw<Exception>().Where(e => e.ToString().Contains(setting, StringComparison.Ordinal));
    }

    private static long Keys(HostFactory host)
    {
        var file = Path.Combine(host.DataPath, "tweets.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM IdempotencyKeys";
        return (long)command.ExecuteScalar()!;
    }
}
