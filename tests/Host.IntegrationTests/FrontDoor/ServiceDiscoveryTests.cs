using Microsoft.Extensions.DependencyInjection;
using ModuleRuntime.Routing;

namespace Host.IntegrationTests.FrontDoor;

/// <summary>
/// <c>Discovery:Sources</c>: besides the routes file, instances come from the registry (the default) or from service
/// discovery over configuration (<c>Services:&lt;module&gt;:http</c>), polled every refresh period.
/// </summary>
public sealed class ServiceDiscoveryTests
{
    [Fact]
    public async Task An_instance_listed_for_service_discovery_joins_the_module_map_as_discovered_and_leaves_with_its_setting()
    {
        var listed = FrontDoorApi.ClosedPort();
        var alsoConfigured = FrontDoorApi.ClosedPort();
        await using var host = DiscoveringHost()
            .With("Services:tweets:http:0", listed)
            .With("Services:tweets:http:1", alsoConfigured)
            .Routing("Tweets", "InProcess", alsoConfigured, fallback: true);
        var admin = (await host.SignedInUser("ops_admin")).Client;

        var destinations = await Until(admin, d => d.Count == 2);

        Sources(destinations, listed).Should().Equal("discovered");
        Sources(destinations, alsoConfigured).Should().Equal("configured", "discovered");
    }

    [Fact]
    public async Task Without_Configuration_among_the_sources_Services_settings_add_no_instance()
    {
        await using var host = new HostFactory()
            .With("Modules:Users:Admins:0", "ops_admin")
            .With("Discovery:RefreshPeriod", "00:00:00.100")
            .With("Services:tweets:http:0", FrontDoorApi.ClosedPort());
        var admin = (await host.SignedInUser("ops_admin")).Client;

        host.Services.GetServices<IInstanceSource>().Select(s => s.GetType().Name).Should().Equal(["InstanceRegistry"], "only the registry is a source by default");
        (await Destinations(admin)).Should().BeEmpty();
    }

    private static HostFactory DiscoveringHost() => new HostFactory()
        .With("Modules:Users:Admins:0", "ops_admin")
        .With("Discovery:Sources:0", "Registry")
        .With("Discovery:Sources:1", "Configuration")
        .With("Discovery:RefreshPeriod", "00:00:00.100");

    private static IEnumerable<string?> Sources(IReadOnlyList<JsonElement> destinations, string address) =>
        destinations.Single(d => d.GetProperty("address").GetString()!.StartsWith(address, StringComparison.Ordinal))
            .GetProperty("sources").EnumerateArray().Select(s => s.GetString());

    private static async Task<IReadOnlyList<JsonElement>> Until(HttpClient admin, Func<IReadOnlyList<JsonElement>, bool> reached)
    {
        var destinations = await Destinations(admin);
        for (var attempt = 0; attempt < 600 && !reached(destinations); attempt++)
        {
            await Task.Delay(100);
            destinations = await Destinations(admin);
        }

        reached(destinations).Should().BeTrue("service discovery is polled every 100 ms; seen: {0}", string.Join(", ", destinations));
        return destinations;
    }

    private static async Task<IReadOnlyList<JsonElement>> Destinations(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/ops/modules");
        var map = await response.Json();
        return [.. map.GetProperty("modules").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Tweets").GetProperty("destinations").EnumerateArray()];
    }
}
