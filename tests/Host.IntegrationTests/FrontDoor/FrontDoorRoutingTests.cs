namespace Host.IntegrationTests.FrontDoor;

/// <summary>
/// The front door sends a module's public routes to its extracted instance when the module is Remote, and serves
/// them itself when it is InProcess. The "instance" is a second Host on its own port with its own data, so where a
/// request was served shows in which data directory its effect landed.
/// </summary>
public sealed class FrontDoorRoutingTests : IAsyncLifetime
{
    private readonly HostFactory instance = new();

    public Task InitializeAsync()
    {
        _ = instance.Address;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await instance.DisposeAsync();

    [Fact]
    public async Task A_Remote_module_has_its_routes_served_by_its_extracted_instance()
    {
        await using var front = new HostFactory().Routing("Users", "Remote", instance.Address.ToString(), fallback: false);
        var client = front.CreateApiClient();

        var id = await client.SignUpNew();

        using var atInstance = await instance.CreateApiClient().GetAsync(FrontDoorApi.UserPath(id));
        using var atFront = await client.GetAsync(FrontDoorApi.UserPath(id));
        using var inFrontsOwnCopy = await client.GetForced(FrontDoorApi.UserPath(id), "local");
        atInstance.StatusCode.Should().Be(HttpStatusCode.OK, "the sign-up was forwarded to the instance");
        atFront.StatusCode.Should().Be(HttpStatusCode.OK, "reads are forwarded too");
        inFrontsOwnCopy.StatusCode.Should().Be(HttpStatusCode.NotFound, "the Host's own copy of Users never saw the sign-up");
    }

    [Fact]
    public async Task An_InProcess_module_is_served_by_the_Host_even_with_an_instance_configured()
    {
        await using var front = new HostFactory().Routing("Users", "InProcess", instance.Address.ToString(), fallback: false);
        var client = front.CreateApiClient();

        var id = await client.SignUpNew();

        using var atFront = await client.GetAsync(FrontDoorApi.UserPath(id));
        using var atInstance = await instance.CreateApiClient().GetAsync(FrontDoorApi.UserPath(id));
        atFront.StatusCode.Should().Be(HttpStatusCode.OK);
        atInstance.StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was forwarded");
    }

    [Fact]
    public async Task Forcing_remote_sends_one_request_of_an_InProcess_module_to_its_instance()
    {
        var id = await instance.CreateApiClient().SignUpNew();
        await using var front = new HostFactory().Routing("Users", "InProcess", instance.Address.ToString(), fallback: false);
        var client = front.CreateApiClient();

        using var forced = await client.GetForced(FrontDoorApi.UserPath(id), "remote");
        using var unforced = await client.GetAsync(FrontDoorApi.UserPath(id));

        forced.StatusCode.Should().Be(HttpStatusCode.OK, "the instance knows the user");
        unforced.StatusCode.Should().Be(HttpStatusCode.NotFound, "the Host's own copy does not");
    }

    [Fact]
    public async Task The_legacy_log_endpoint_outside_the_Logging_prefix_moves_with_the_Logging_module()
    {
        await using var logging = new LoggingHost();
        await logging.InitializeAsync();
        await using var front = new HostFactory()
            .Routing("Logging", "Remote", logging.Address.ToString(), fallback: false)
            .With("RequestLogShipping:Enabled", "false");
        var module = LoggingApi.Unique("forwarded_log");

        using var response = await front.CreateApiClient().PostLegacyLog(new { ip = "203.0.113.7", originalUrl = "/home", userID = "bob", module });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await logging.Admin.RecordsOf(module)).Should().ContainSingle("the record was stored by the extracted Logging module");
    }
}
