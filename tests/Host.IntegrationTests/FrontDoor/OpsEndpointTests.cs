namespace Host.IntegrationTests.FrontDoor;

/// <summary>A Host with one configured admin, Tweets given an (unreachable) instance, a canary share and fallback.</summary>
public sealed class OpsHost : HostFactory
{
    public OpsHost()
    {
        AdminId = Api.NewId("ops_admin");
        Instance = FrontDoorApi.ClosedPort();
        With("Modules:Users:Admins:0", AdminId);
        this.Routing("Tweets", "InProcess", Instance, fallback: true);
        With("Modules:Tweets:CanaryPercent", "0");
    }

    public string AdminId { get; }

    public string Instance { get; }
}

/// <summary><c>GET /api/ops/modules</c>: the module map for operators, admins only.</summary>
public sealed class OpsEndpointTests(OpsHost host) : IClassFixture<OpsHost>
{
    private const string Modules = "/api/ops/modules";

    [Fact]
    public async Task Without_a_token_the_module_map_is_401()
    {
        using var response = await host.CreateApiClient().GetAsync(Modules);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_user_who_is_not_an_admin_gets_403()
    {
        var (_, _, user) = await host.SignedInUser();

        using var response = await user.GetAsync(Modules);

        await response.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_sees_every_module_with_its_mode_instances_canary_fallback_and_traffic()
    {
        var admin = await Admin();

        var map = await Map(admin);

        map.GetProperty("trafficWindowSeconds").GetInt32().Should().Be(300);
        var modules = map.GetProperty("modules").EnumerateArray().ToList();
        modules.Select(m => m.GetProperty("name").GetString()).Should().Contain(["Logging", "Tweets", "Users"]);
        foreach (var module in modules)
        {
            module.GetProperty("mode").GetString().Should().BeOneOf("InProcess", "Remote");
            module.GetProperty("hosted").ValueKind.Should().BeOneOf(JsonValueKind.True, JsonValueKind.False);
            module.GetProperty("fallback").ValueKind.Should().BeOneOf(JsonValueKind.True, JsonValueKind.False);
            module.GetProperty("canaryPercent").GetDouble().Should().BeInRange(0, 100);
            module.GetProperty("destinations").ValueKind.Should().Be(JsonValueKind.Array);
            foreach (var side in new[] { "local", "remote", "fallback" })
            {
                var counts = module.GetProperty("traffic").GetProperty(side);
                counts.GetProperty("requests").GetInt64().Should().BeGreaterThanOrEqualTo(counts.GetProperty("errors").GetInt64());
            }
        }

        var tweets = Module(map, "Tweets");
        tweets.GetProperty("mode").GetString().Should().Be("InProcess");
        tweets.GetProperty("hosted").GetBoolean().Should().BeTrue();
        tweets.GetProperty("fallback").GetBoolean().Should().BeTrue();
        var destination = tweets.GetProperty("destinations").EnumerateArray().Should().ContainSingle().Subject;
        destination.GetProperty("address").GetString().Should().StartWith(host.Instance);
        destination.GetProperty("health").GetString().Should().BeOneOf("Healthy", "Unhealthy", "Unknown");
        Module(map, "Users").GetProperty("destinations").EnumerateArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Each_request_is_counted_on_the_side_that_served_it()
    {
        await using var instance = new HostFactory();
        await using var front = new HostFactory()
            .Routing("Tweets", "InProcess", instance.Address.ToString(), fallback: false)
            .With("Modules:Users:Admins:0", host.AdminId);
        var admin = await Admin(front);
        var before = Module(await Map(admin), "Tweets").GetProperty("traffic");

        using (var local = await front.CreateApiClient().GetAsync(TweetsApi.Tweets))
        {
            local.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var forced = await front.CreateApiClient().GetForced(TweetsApi.Tweets, "remote"))
        {
            forced.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var after = Module(await Map(admin), "Tweets").GetProperty("traffic");
        (Count(after, "local", "requests") - Count(before, "local", "requests")).Should().Be(1);
        (Count(after, "remote", "requests") - Count(before, "remote", "requests")).Should().Be(1, "the forced request was served by the instance");
        (Count(after, "local", "errors") - Count(before, "local", "errors")).Should().Be(0);
        (Count(after, "remote", "errors") - Count(before, "remote", "errors")).Should().Be(0);
    }

    [Fact]
    public async Task A_request_served_in_process_because_no_instance_took_it_is_one_fallback_and_no_remote_error()
    {
        const int Requests = 5;
        await using var front = new HostFactory()
            .Routing("Tweets", "Remote", FrontDoorApi.ClosedPort(), fallback: true)
            .With("Modules:Users:Admins:0", host.AdminId);
        var admin = await Admin(front);
        var before = Module(await Map(admin), "Tweets").GetProperty("traffic");

        for (var i = 0; i < Requests; i++)
        {
            using var response = await front.CreateApiClient().GetAsync(TweetsApi.Tweets);
            response.StatusCode.Should().Be(HttpStatusCode.OK, "the in-process copy serves what the dead instance cannot");
        }

        var after = Module(await Map(admin), "Tweets").GetProperty("traffic");
        Deltas(before, after).Should().BeEquivalentTo(
            new Dictionary<string, long>
            {
                ["local requests"] = 0, ["local errors"] = 0,
                ["remote requests"] = 0, ["remote errors"] = 0,
                ["fallback requests"] = Requests, ["fallback errors"] = 0,
            },
            "the clients saw no error; each request is one fallback, not a remote error plus a local request");
    }

    [Fact]
    public async Task A_contract_call_served_in_process_because_no_instance_took_it_is_one_fallback()
    {
        await using var front = new HostFactory()
            .Routing("Tweets", "Remote", FrontDoorApi.ClosedPort(), fallback: true)
            .With("Modules:Users:Admins:0", host.AdminId);
        var admin = await Admin(front);
        var before = Module(await Map(admin), "Tweets").GetProperty("traffic");

        (await front.Send(new global::Tweets.Contracts.GetTweetCount("alice"))).Should().Be(0);

        var after = Module(await Map(admin), "Tweets").GetProperty("traffic");
        (Count(after, "fallback", "requests") - Count(before, "fallback", "requests")).Should().Be(1);
        (Count(after, "fallback", "errors") - Count(before, "fallback", "errors")).Should().Be(0);
        (Count(after, "remote", "requests") - Count(before, "remote", "requests")).Should().Be(0, "the failed attempts never reached the caller");
        (Count(after, "local", "requests") - Count(before, "local", "requests")).Should().Be(0);
    }

    [Fact]
    public async Task With_fallback_off_each_503_is_one_remote_error()
    {
        const int Requests = 5;
        await using var front = new HostFactory()
            .Routing("Tweets", "Remote", FrontDoorApi.ClosedPort(), fallback: false)
            .With("Modules:Users:Admins:0", host.AdminId);
        var admin = await Admin(front);
        var before = Module(await Map(admin), "Tweets").GetProperty("traffic");

        for (var i = 0; i < Requests; i++)
        {
            using var response = await front.CreateApiClient().GetAsync(TweetsApi.Tweets);
            await response.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, FrontDoorApi.ModuleUnavailable);
        }

        var after = Module(await Map(admin), "Tweets").GetProperty("traffic");
        Deltas(before, after).Should().BeEquivalentTo(
            new Dictionary<string, long>
            {
                ["local requests"] = 0, ["local errors"] = 0,
                ["remote requests"] = Requests, ["remote errors"] = Requests,
                ["fallback requests"] = 0, ["fallback errors"] = 0,
            },
            "each client got one error, whether the instance refused the connection or was already known to be down");
    }

    [Fact]
    public async Task A_request_another_instance_served_after_a_dead_one_refused_it_is_one_remote_request_without_error()
    {
        const int Requests = 6;
        await using var instance = new HostFactory();
        await using var front = new HostFactory()
            .Routing("Tweets", "Remote", instance.Address.ToString(), fallback: false)
            // Second in the list, so the round robin's first pick is the dead one.
            .With("Modules:Tweets:Destinations:1", FrontDoorApi.ClosedPort())
            .With("Modules:Users:Admins:0", host.AdminId);
        var admin = await Admin(front);
        var before = Module(await Map(admin), "Tweets").GetProperty("traffic");

        for (var i = 0; i < Requests; i++)
        {
            using var response = await front.CreateApiClient().GetAsync(TweetsApi.Tweets);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var after = Module(await Map(admin), "Tweets").GetProperty("traffic");
        (Count(after, "remote", "requests") - Count(before, "remote", "requests")).Should().Be(Requests);
        (Count(after, "remote", "errors") - Count(before, "remote", "errors")).Should().Be(0, "the live instance answered every request");
        (Count(after, "fallback", "requests") - Count(before, "fallback", "requests")).Should().Be(0);
    }

    private static Dictionary<string, long> Deltas(JsonElement before, JsonElement after) =>
        (from side in new[] { "local", "remote", "fallback" }
         from what in new[] { "requests", "errors" }
         select (Key: $"{side} {what}", Value: Count(after, side, what) - Count(before, side, what)))
        .ToDictionary(d => d.Key, d => d.Value);

    private Task<HttpClient> Admin() => Admin(host);

    /// <summary>The configured admin's client on <paramref name="on"/>, signing the admin up on first use.</summary>
    private async Task<HttpClient> Admin(HostFactory on)
    {
        var anonymous = on.CreateApiClient();
        using (var signUp = await anonymous.SignUp(host.AdminId))
        {
            signUp.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict);
        }

        return on.CreateApiClient(await anonymous.TokenFor(host.AdminId));
    }

    private static async Task<JsonElement> Map(HttpClient admin)
    {
        using var response = await admin.GetAsync(Modules);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    private static JsonElement Module(JsonElement map, string name) =>
        map.GetProperty("modules").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);

    private static long Count(JsonElement traffic, string side, string what) => traffic.GetProperty(side).GetProperty(what).GetInt64();
}
