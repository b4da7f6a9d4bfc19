namespace Host.IntegrationTests.Logging;

/// <summary>Bad Logging settings stop the Host at start-up with a message naming the setting.</summary>
public sealed class LoggingSettingsTests
{
    [Theory]
    [InlineData("1001")]
    [InlineData("2147483647")]
    public async Task A_record_page_size_over_1000_stops_the_Host_at_start_up(string max)
    {
        await using var host = new LoggingHost();
        host.With("Modules:Logging:Paging:Max", max);

        var start = () => host.Address;

        start.Should().Throw<Exception>().Where(e => Messages(e).Any(m => m.Contains("Modules:Logging:Paging:Max", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_record_page_size_of_1000_is_served()
    {
        await using var host = new LoggingHost();
        host.With("Modules:Logging:Paging:Max", "1000");
        await host.InitializeAsync();

        var page = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Records, ("limit", int.MaxValue)));

        page.GetProperty("items").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Array);
    }

    private static IEnumerable<string> Messages(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Messages))
                {
                    yield return inner;
                }
            }
        }
    }
}
