using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using ModuleRuntime.Data;
using ModuleRuntime.Discovery;
using ModuleRuntime.Remoting;

namespace Host.IntegrationTests.FrontDoor;

/// <summary>A Host whose registry leases last two seconds, with one admin to read the module map.</summary>
public sealed class RegistryHost : HostFactory
{
    public RegistryHost()
    {
        AdminId = Api.NewId("ops_admin");
        With("Modules:Users:Admins:0", AdminId);
        With("Registry:LeaseDuration", "00:00:02");
        With("Registry:HeartbeatInterval", "00:00:00.500");
    }

    public string AdminId { get; }

    private HttpClient? admin;

    /// <summary>The admin, signed up and in on first use.</summary>
    public async Task<HttpClient> Admin() => admin ??= (await this.SignedInUser(AdminId)).Client;

    /// <summary>A client with a service token standing for <paramref name="module"/>'s service, as that service's own would.</summary>
    public HttpClient ServiceOf(string module)
    {
        var client = CreateApiClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", Services.GetRequiredService<ServiceTokens>().For(module, ServiceTokens.RegistryAudience, null));
        return client;
    }

    public string DatabaseIdOf(string module) => Services.GetRequiredService<DatabaseIdentities>().Of(module)!;
}

/// <summary>
/// <c>/internal/registry</c>: how an extracted instance announces itself, renews its lease and leaves. Only the
/// module's own service identity, on the module's own database, is admitted; the module map shows what is registered.
/// </summary>
public sealed class RegistryEndpointTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    [Fact]
    public async Task Without_a_token_registering_is_401()
    {
        using var response = await host.CreateApiClient().PostAsJsonAsync(RegistryPaths.Instances, Announcement(FrontDoorApi.ClosedPort()));

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_user_token_cannot_register_an_instance()
    {
        var (_, _, user) = await host.SignedInUser();

        using var response = await user.PostAsJsonAsync(RegistryPaths.Instances, Announcement(FrontDoorApi.ClosedPort()));

        await response.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_modules_service_identity_cannot_register_an_instance_of_Tweets()
    {
        using var response = await host.ServiceOf("Users").PostAsJsonAsync(RegistryPaths.Instances, Announcement(FrontDoorApi.ClosedPort()));

        var problem = await response.ShouldBeProblem(HttpStatusCode.Forbidden, RegistryPaths.WrongServiceIdentity);
        problem.GetProperty("detail").GetString().Should().Contain("module Users");
    }

    [Fact]
    public async Task An_instance_on_another_database_is_refused_with_both_ids_named()
    {
        var other = Guid.NewGuid().ToString();

        using var response = await host.ServiceOf("Tweets").PostAsJsonAsync(RegistryPaths.Instances, Announcement(FrontDoorApi.ClosedPort(), other));

        var problem = await response.ShouldBeProblem(HttpStatusCode.Conflict, RegistryPaths.ForeignDatabase);
        problem.GetProperty("detail").GetString().Should().Contain(other).And.Contain(host.DatabaseIdOf("Tweets"));
        (await Instances("Tweets")).Should().NotContain(d => d.GetProperty("databaseId").GetString() == other);
    }

    [Fact]
    public async Task A_registered_instance_is_in_the_module_map_with_its_source_version_and_database_until_it_deregisters()
    {
        var address = FrontDoorApi.ClosedPort();
        var service = host.ServiceOf("Tweets");

        using var registered = await service.PostAsJsonAsync(RegistryPaths.Instances, Announcement(address));
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var lease = (await registered.Content.ReadFromJsonAsync<InstanceLease>())!;
        lease.LeaseDuration.Should().Be(TimeSpan.FromSeconds(2));
        lease.HeartbeatInterval.Should().Be(TimeSpan.FromMilliseconds(500));

        var shown = (await Instances("Tweets")).Should().ContainSingle(d => d.GetProperty("address").GetString()!.StartsWith(address, StringComparison.Ordinal)).Subject;
        shown.GetProperty("sources").EnumerateArray().Select(s => s.GetString()).Should().Equal("registered");
        shown.GetProperty("version").GetString().Should().Be("1.2.3");
        shown.GetProperty("databaseId").GetString().Should().Be(host.DatabaseIdOf("Tweets"));
        shown.GetProperty("leaseAgeSeconds").GetDouble().Should().BeGreaterThanOrEqualTo(0);

        using (var renewed = await service.PutAsync($"{RegistryPaths.Leases}/{lease.Id}", null))
        {
            renewed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        using (var gone = await service.DeleteAsync($"{RegistryPaths.Leases}/{lease.Id}"))
        {
            gone.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        (await Instances("Tweets")).Should().NotContain(d => d.GetProperty("address").GetString()!.StartsWith(address, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_heartbeat_for_a_lease_the_registry_does_not_hold_is_404_unknown_lease()
    {
        using var response = await host.ServiceOf("Tweets").PutAsync($"{RegistryPaths.Leases}/{Guid.NewGuid()}", null);

        await response.ShouldBeProblem(HttpStatusCode.NotFound, RegistryPaths.UnknownLease);
    }

    [Fact]
    public async Task An_instance_whose_lease_lapses_is_dropped_and_its_heartbeat_then_finds_the_lease_unknown()
    {
        await using var own = new RegistryHost();
        var address = FrontDoorApi.ClosedPort();
        var service = own.ServiceOf("Tweets");
        using var registered = await service.PostAsJsonAsync(RegistryPaths.Instances, Announcement(address, own.DatabaseIdOf("Tweets")));
        var lease = (await registered.Content.ReadFromJsonAsync<InstanceLease>())!;
        (await Instances("Tweets", own)).Should().Contain(d => d.GetProperty("address").GetString()!.StartsWith(address, StringComparison.Ordinal));

        own.Clock.Advance(TimeSpan.FromSeconds(3));

        await Until(async () => !(await Instances("Tweets", own)).Any(d => d.GetProperty("address").GetString()!.StartsWith(address, StringComparison.Ordinal)));
        using var heartbeat = await service.PutAsync($"{RegistryPaths.Leases}/{lease.Id}", null);
        await heartbeat.ShouldBeProblem(HttpStatusCode.NotFound, RegistryPaths.UnknownLease);
    }

    private InstanceAnnouncement Announcement(string address, string? databaseId = null) =>
        new("Tweets", address, "1.2.3", databaseId ?? host.DatabaseIdOf("Tweets"));

    private async Task<IReadOnlyList<JsonElement>> Instances(string module, RegistryHost? of = null)
    {
        of ??= host;
        using var response = await (await of.Admin()).GetAsync("/api/ops/modules");
        var map = await response.Json();
        return [.. map.GetProperty("modules").EnumerateArray().Single(m => m.GetProperty("name").GetString() == module).GetProperty("destinations").EnumerateArray()];
    }

    /// <summary>Polls until the condition holds; the sweep runs several times per (two-second) lease, so a minute is ample.</summary>
    private static async Task Until(Func<Task<bool>> reached)
    {
        for (var attempt = 0; attempt < 600 && !await reached(); attempt++)
        {
            await Task.Delay(100);
        }

        (await reached()).Should().BeTrue("the lapsed lease is dropped by the sweep");
    }
}
