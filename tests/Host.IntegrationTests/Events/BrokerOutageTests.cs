using System.Diagnostics;

namespace Host.IntegrationTests.Events;

/// <summary>
/// The broker going away: restarted while events flow, every event is still handled exactly once; down when the Host
/// starts, the Host serves requests anyway (readiness Degraded), its events wait in the outbox and go out once the
/// broker is up.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class BrokerOutageTests(Broker broker)
{
    [Fact]
    public async Task A_broker_restarted_while_events_flow_loses_none_and_doubles_none()
    {
        const int Count = 40;
        var (uri, _) = await broker.NewVirtualHost();
        await using var host = new BrokerHost(uri);
        await host.SignUp(1, "warmup");
        await BrokerHost.Eventually(async () => host.Inbox.Handled.Count == 1, "the first event is handled");

        var signingUp = host.SignUp(Count - 1, "flow");
        await Task.Delay(300);
        var restart = Stopwatch.StartNew();
        await broker.Server.RestartAsync();
        restart.Stop();
        await signingUp;

        await host.EventsDelivered(TimeSpan.FromSeconds(60));
        await BrokerHost.Eventually(async () => host.Inbox.Handled.Count >= Count, "every event is handled after the restart", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1));
        host.Inbox.Handled.Should().HaveCount(Count, "each event is handled once (broker restart took {0} ms)", restart.ElapsedMilliseconds)
            .And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task The_Host_reconnects_after_every_broker_restart_not_only_the_first()
    {
        var (uri, _) = await broker.NewVirtualHost();
        await using var host = new BrokerHost(uri);
        await host.SignUp(1, "before");
        await BrokerHost.Eventually(async () => host.Inbox.Handled.Count == 1, "the first event is handled");

        for (var restart = 1; restart <= 2; restart++)
        {
            await broker.Server.RestartAsync();
            await host.SignUp(1, $"after{restart}");
            await host.EventsDelivered(TimeSpan.FromSeconds(60));
            await BrokerHost.Eventually(async () => host.Inbox.Handled.Count == restart + 1, $"the event after restart {restart} is handled", TimeSpan.FromSeconds(60));
        }

        host.Inbox.Handled.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_Host_started_while_the_broker_is_down_serves_requests_and_delivers_once_the_broker_is_up()
    {
        var (uri, _) = await broker.NewVirtualHost();
        await broker.Server.StopAsync();
        try
        {
            await using var host = new BrokerHost(uri);
            var ids = await host.SignUp(3, "early");

            using (var ready = await host.CreateApiClient().GetAsync("/health/ready"))
            {
                ready.StatusCode.Should().Be(HttpStatusCode.OK, "a broker outage degrades readiness, it does not fail it");
                var report = await ready.Json();
                report.GetProperty("status").GetString().Should().Be("Degraded");
                report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "events-broker")
                    .GetProperty("status").GetString().Should().Be("Degraded");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            (await host.PendingEventCount()).Should().Be(ids.Count, "the events wait in the outbox");

            await broker.Server.StartAsync();
            await host.EventsDelivered(TimeSpan.FromSeconds(60));
            await BrokerHost.Eventually(async () => host.Inbox.Handled.Count == ids.Count, "every waiting event is handled");
            host.Inbox.Handled.Should().OnlyHaveUniqueItems();
        }
        finally
        {
            if (!broker.Server.Running)
            {
                await broker.Server.StartAsync();
            }
        }
    }
}
