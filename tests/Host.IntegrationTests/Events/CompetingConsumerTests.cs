namespace Host.IntegrationTests.Events;

/// <summary>
/// Two Hosts sharing one data directory (so one Tweets database) both consume the Tweets queue: the broker shares the
/// events out between them, and each event is handled once.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class CompetingConsumerTests(Broker broker)
{
    [Fact]
    public async Task Two_consumers_of_one_module_queue_handle_each_event_once()
    {
        const int Count = 30;
        var (uri, _) = await broker.NewVirtualHost();
        await using var first = new BrokerHost(uri);
        _ = first.Address;
        await using var second = new BrokerHost(uri, dataDirectory: first.DataPath);
        _ = second.Address;
        // Both consumers registered before the events come, so the broker has two to share them between.
        await Task.Delay(TimeSpan.FromSeconds(2));

        await Task.WhenAll(first.SignUp(Count / 2, "first"), second.SignUp(Count / 2, "second"));

        await first.EventsDelivered(TimeSpan.FromSeconds(30));
        await BrokerHost.Eventually(async () => first.Inbox.Handled.Count + second.Inbox.Handled.Count >= Count, "every event is handled");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var handled = first.Inbox.Handled.Concat(second.Inbox.Handled).ToList();
        handled.Should().HaveCount(Count).And.OnlyHaveUniqueItems();
        first.Inbox.Handled.Should().NotBeEmpty("the first Host consumed some");
        second.Inbox.Handled.Should().NotBeEmpty("the second Host consumed some");
    }
}
