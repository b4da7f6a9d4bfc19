namespace Host.IntegrationTests.Events;

/// <summary>
/// <c>Events:Transport=RabbitMq</c> against a real broker: an event reaches its subscriber once, an outbox row goes only
/// once the broker has confirmed it, and an event a handler keeps failing ends in the module's dead-letter queue, where
/// the module map counts it.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class BrokerTransportTests(Broker broker)
{
    [Fact]
    public async Task An_event_goes_through_the_broker_and_is_handled_once()
    {
        var (uri, _) = await broker.NewVirtualHost();
        await using var host = new BrokerHost(uri);

        var ids = await host.SignUp(5);

        await host.EventsDelivered();
        await BrokerHost.Eventually(async () => host.Inbox.Handled.Count == ids.Count, "Tweets has handled every UserRegistered");
        foreach (var id in ids)
        {
            (await host.TweetsKnows(id)).Should().BeTrue();
        }

        await Task.Delay(500);
        host.Inbox.Handled.Should().HaveCount(ids.Count).And.OnlyHaveUniqueItems();
        (await host.DeadLetters("Tweets")).GetInt64().Should().Be(0);
        (await host.DeadLetters("Users")).ValueKind.Should().Be(JsonValueKind.Null, "Users handles no event, so it has no queue");
        using var ready = await host.CreateApiClient().GetAsync("/health/ready");
        var check = (await ready.Json()).GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "events-broker");
        check.GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task An_outbox_row_stays_until_the_broker_confirms_the_event()
    {
        var (uri, _) = await broker.NewVirtualHost();
        await using var host = new BrokerHost(uri);
        await host.SignUp(1);
        await host.EventsDelivered();

        // A memory alarm: the broker stops taking publishes, so no confirm comes for the next event.
        await broker.Ctl("set_vm_memory_high_watermark", "0");
        try
        {
            await host.SignUp(1, "unconfirmed");
            await Task.Delay(TimeSpan.FromSeconds(3));

            // Whether the broker routed it before blocking does not matter (Tweets may even have handled it): without
            // the confirm, the row is not deleted.
            (await host.PendingEventCount()).Should().Be(1, "the broker has not confirmed the event, so its row stays");
        }
        finally
        {
            await broker.Ctl("set_vm_memory_high_watermark", "0.4");
        }

        await host.EventsDelivered(TimeSpan.FromSeconds(30));
        await BrokerHost.Eventually(async () => host.Inbox.Handled.Count == 2, "the event is handled once the broker takes it");
        host.Inbox.Handled.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task An_event_a_handler_keeps_failing_goes_to_the_dead_letter_queue_and_the_module_map_counts_it()
    {
        var (uri, vhost) = await broker.NewVirtualHost();
        await using var host = new BrokerHost(uri);
        // The admin's own sign-up raises an event too: handled before the handler breaks.
        (await host.DeadLetters("Tweets")).GetInt64().Should().Be(0);
        await BrokerHost.Eventually(async () => host.Inbox.Handled.Count == 1, "the admin's sign-up is handled");
        host.Inbox.Failing = true;
        var before = host.Inbox.Attempts;

        await host.SignUp(1, "poison");
        await host.EventsDelivered();
        await BrokerHost.Eventually(async () => await broker.Depth(vhost, "monolith.tweets.dead") == 1, "the event is dead-lettered");

        (host.Inbox.Attempts - before).Should().Be(BrokerHost.MaxDeliveryAttempts, "the queue gives the event out MaxDeliveryAttempts times, then gives up");
        (await broker.Depth(vhost, "monolith.tweets")).Should().Be(0);
        (await host.DeadLetters("Tweets")).GetInt64().Should().Be(1);
        host.Inbox.Handled.Should().HaveCount(1, "no attempt was committed");

        // The handler mended, later events go through; the dead one waits for an operator.
        host.Inbox.Failing = false;
        await host.SignUp(1, "later");
        await BrokerHost.Eventually(async () => host.Inbox.Handled.Count == 2, "a later event is handled");
        (await host.DeadLetters("Tweets")).GetInt64().Should().Be(1);
    }
}
