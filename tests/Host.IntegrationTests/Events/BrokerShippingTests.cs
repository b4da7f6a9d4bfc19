using System.Collections.Concurrent;
using Host.IntegrationTests.RequestLogShipping;

namespace Host.IntegrationTests.Events;

/// <summary>
/// Request-log shipping does not travel through the broker: with the RabbitMQ transport chosen, records still spool
/// while the Logging module fails and each request still ends with exactly one record.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class BrokerShippingTests(Broker broker)
{
    [Fact]
    public async Task With_the_RabbitMq_transport_each_request_is_recorded_once_after_a_Logging_outage()
    {
        const int Probes = 30;
        var (uri, _) = await broker.NewVirtualHost();
        await using var host = new ShippingHost().With("Events:Transport", "RabbitMq").With("Events:RabbitMq:Uri", uri);
        await host.SignedIn();
        await host.AllShipped();
        var prefix = $"/api/users/{Api.NewId("probe")}_";

        host.Fault.Set(LoggingFaultMode.Throw);
        var statuses = new ConcurrentBag<HttpStatusCode>();
        await LoggingOutageTests.Probe(host, prefix, Probes, statuses);
        await ShippingHost.Eventually(
            () => host.SpooledPaths().Count(p => p.StartsWith(prefix, StringComparison.Ordinal)) == Probes,
            "every probe's record waits in the spool",
            host.Describe);

        host.Fault.Pass();
        await host.AllShipped();

        LoggingOutageTests.ShouldHaveOneRecordEach(host, prefix, Probes);
        host.HostRecordCount().Should().Be(host.Sent, "one record per request, none doubled: {0}", host.Describe());
    }
}
