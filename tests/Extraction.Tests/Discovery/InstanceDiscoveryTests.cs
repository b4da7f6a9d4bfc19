using System.Diagnostics;

namespace Extraction.Tests.Discovery;

/// <summary>
/// Tweets instances written nowhere (not in the routes file, no setting of the Host's) announce themselves to the
/// Host's registry and get work; a graceful stop deregisters first, a kill is dropped when its lease lapses, and in
/// neither case does a request fail. Instances on other data or without a valid service identity are refused; a
/// restarted Host learns its instances again from their heartbeats. With service discovery over configuration
/// instead, an instance that does not register is found and served.
/// </summary>
public sealed class InstanceDiscoveryTests(ITestOutputHelper output)
{
    private const int Workers = 6;
    private const int MaxPerWorker = 600;
    private const int Enough = 30;

    [Fact]
    public async Task A_third_instance_started_with_nothing_edited_gets_traffic_and_a_graceful_stop_removes_it_with_no_failed_request()
    {
        await using var deployment = new Deployment(new DeploymentShape(new Dictionary<string, int> { ["Tweets"] = 2 }) { Unlisted = true });
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            // Fallback off: a request no instance took would fail, not quietly be served in-process.
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "false"));
            File.ReadAllText(deployment.RoutesFile).Should().NotContain("Destinations", "the instances are found only because they registered");
            var (clients, users) = await SignedIn(deployment, "s");
            var load = Load.Start(Workers, MaxPerWorker, (w, i) => Traffic.Tweets(clients[w], users[w], i));
            load.Phase = "two instances";
            await load.Advance(Enough);

            var started = Stopwatch.StartNew();
            var third = await deployment.AddInstance("Tweets");
            var ready = started.Elapsed;
            load.Phase = "three instances";
            await Eventually.Until(() => third.Log().Contains("/api/tweets", StringComparison.Ordinal), "the third instance serves Tweets' requests");
            output.WriteLine($"Third instance: ready {ready.TotalSeconds:0.0} s after its process started; its first Tweets request {(started.Elapsed - ready).TotalSeconds:0.0} s after it was ready");

            var shown = (await deployment.Module("Tweets")).Destinations.Single(d => new Uri(d.Address) == third.Url);
            output.WriteLine(JsonSerializer.Serialize(shown));
            shown.Sources.Should().Equal("registered");
            shown.Health.Should().Be("Healthy");
            shown.Version.Should().NotBeNullOrEmpty();
            shown.DatabaseId.Should().MatchRegex("^[0-9a-f-]{36}$").And.Be(
                (await deployment.Module("Tweets")).Destinations.First(d => new Uri(d.Address) != third.Url).DatabaseId, "every instance is on the module's one database");
            shown.LeaseAgeSeconds.Should().NotBeNull().And.BeGreaterThanOrEqualTo(0);

            load.Phase = "stopping the third";
            await third.Stop();
            load.Phase = "third stopped";
            (await deployment.Module("Tweets")).Destinations.Should().NotContain(d => new Uri(d.Address) == third.Url, "it deregistered before it stopped");
            await load.Advance(Enough);
            var outcomes = await load.Stop();

            output.WriteLine($"{outcomes.Count} requests; per phase: {string.Join(", ", outcomes.GroupBy(o => o.PhaseAtStart).Select(g => $"{g.Key} {g.Count()}"))}");
            outcomes.Where(o => o.PhaseAtStart == "three instances").Should().NotBeEmpty();
            outcomes.Where(o => !o.Served).Should().BeEmpty("joining and leaving fails no request, even with fallback off: {0}", outcomes.Where(o => !o.Served).Show());
            third.Log().Should().Contain("Deregistered from the Host");
        });
    }

    [Fact]
    public async Task A_killed_instance_is_dropped_when_its_lease_lapses_and_no_request_fails()
    {
        await using var deployment = new Deployment(new DeploymentShape(new Dictionary<string, int> { ["Tweets"] = 2 }) { Unlisted = true });
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "true"));
            var (clients, users) = await SignedIn(deployment, "d");
            var posts = new KeyedPosts();
            var load = Load.Start(Workers, MaxPerWorker, (w, i) => Traffic.Tweets(clients[w], users[w], i, posts));
            load.Phase = "two instances";
            await load.Advance(Enough);

            var killed = deployment.Instances("Tweets")[0];
            killed.Kill();
            load.Phase = "one killed";
            await Eventually.Until(
                async () => (await deployment.Module("Tweets")).Destinations.All(d => new Uri(d.Address) != killed.Url),
                "the Host drops the killed instance once its lease lapses",
                async () => JsonSerializer.Serialize(await deployment.Module("Tweets")));
            load.Phase = "dropped";
            await load.Advance(Enough);
            var outcomes = await load.Stop();

            output.WriteLine($"{outcomes.Count} requests; per phase: {string.Join(", ", outcomes.GroupBy(o => o.PhaseAtStart).Select(g => $"{g.Key} {g.Count()}"))}");
            deployment.Host.Log().Should().Contain($"Instance {killed.Url} of Tweets dropped: its lease lapsed");
            (await deployment.Module("Tweets")).Destinations.Should().ContainSingle().Which.Health.Should().Be("Healthy", "the other instance still serves");
            outcomes.Where(o => !o.Served).Should().BeEmpty("the other instance and the in-process copy take what the killed one cannot: {0}", outcomes.Where(o => !o.Served).Show());
        });
    }

    [Fact]
    public async Task An_instance_on_other_data_or_without_a_valid_service_identity_is_refused_and_gets_no_work()
    {
        await using var deployment = new Deployment(new DeploymentShape(new Dictionary<string, int> { ["Tweets"] = 1 }) { Unlisted = true });
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "false"));

            // Another machine's empty data directory, with Tweets' own credential as a deployed secret.
            var otherData = Path.Combine(deployment.Root, "other-data");
            Directory.CreateDirectory(Path.Combine(otherData, "service-keys"));
            File.Copy(Path.Combine(deployment.DataDirectory, "service-keys", "tweets.pem"), Path.Combine(otherData, "service-keys", "tweets.pem"));
            var onOtherData = await deployment.AddInstance("Tweets", ("Data:Directory", otherData));
            // The module's own data, but a credential of its own: its service tokens are not the module's.
            using var stranger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            var withoutIdentity = await deployment.AddInstance("Tweets", ("Auth:Services:Modules:Tweets:PrivateKey", stranger.ExportPkcs8PrivateKeyPem()));

            await Eventually.Until(
                () => onOtherData.Log().Contains("registry refused", StringComparison.Ordinal) && withoutIdentity.Log().Contains("registry refused", StringComparison.Ordinal),
                "the registry refuses both instances");
            Refusal(onOtherData).Should().Contain("409").And.Contain("urn:problem:foreign-database");
            Refusal(withoutIdentity).Should().Contain("401");

            var (clients, users) = await SignedIn(deployment, "r");
            var load = Load.Start(Workers, 20, (w, i) => Traffic.Tweets(clients[w], users[w], i));
            await load.Finished;
            var outcomes = load.Outcomes;
            var tweets = await deployment.Module("Tweets");
            output.WriteLine(JsonSerializer.Serialize(tweets));
            tweets.Destinations.Select(d => new Uri(d.Address)).Should().Equal([deployment.Instances("Tweets")[0].Url], "only the instance with the module's identity and data is an instance of Tweets");
            outcomes.Where(o => !o.Served).Should().BeEmpty("the admitted instance serves everything: {0}", outcomes.Where(o => !o.Served).Show());
            onOtherData.Log().Should().NotContain("/api/tweets", "the instance on other data got no work");
            withoutIdentity.Log().Should().NotContain("/api/tweets", "the instance without a valid identity got no work");
        });
    }

    [Fact]
    public async Task After_a_Host_restart_the_instances_register_again_and_serve()
    {
        await using var deployment = new Deployment(new DeploymentShape(new Dictionary<string, int> { ["Tweets"] = 1 }) { Unlisted = true });
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "false"));
            var instance = deployment.Service("Tweets");

            deployment.Host.Kill();
            await deployment.Host.Start();
            // Fallback off: a Tweets request is served only once the restarted Host knows the instance again.
            await Eventually.Until(
                async () => (await deployment.Module("Tweets")).Destinations is [{ Health: "Healthy" } known] && new Uri(known.Address) == instance.Url,
                "the restarted Host knows the instance again and sees it healthy",
                async () => JsonSerializer.Serialize(await deployment.Module("Tweets")));
            var tweets = await deployment.Module("Tweets");
            tweets.Destinations.Should().ContainSingle().Which.Sources.Should().Equal("registered");
            var (clients, users) = await SignedIn(deployment, "h");
            var load = Load.Start(Workers, 8, (w, i) => Traffic.Tweets(clients[w], users[w], i));
            await load.Finished;
            var outcomes = load.Outcomes;

            outcomes.Where(o => !o.Served).Should().BeEmpty("the instance serves again: {0}", outcomes.Where(o => !o.Served).Show());
            instance.Log().Should().Contain("registering again");
        });
    }

    [Fact]
    public async Task With_service_discovery_over_configuration_an_instance_that_does_not_register_is_found_and_serves()
    {
        // The instance's address is known before it starts (its port is fixed), as a cluster's DNS name would be.
        await using var deployment = new Deployment(new DeploymentShape(new Dictionary<string, int> { ["Tweets"] = 1 })
        {
            Unlisted = true,
            Settings = new Dictionary<string, string> { ["Registry:Register"] = "false" },
        });
        await deployment.Run(output, async () =>
        {
            var instance = deployment.Service("Tweets");
            deployment.HostSettings(
                ("Discovery:Sources:0", "Configuration"),
                ("Discovery:RefreshPeriod", "00:00:00.500"),
                ("Services:tweets:http:0", instance.Url.ToString()));
            await deployment.Start();
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "false"));

            var (clients, users) = await SignedIn(deployment, "c");
            var load = Load.Start(Workers, 8, (w, i) => Traffic.Tweets(clients[w], users[w], i));
            await load.Finished;

            var tweets = await deployment.Module("Tweets");
            output.WriteLine(JsonSerializer.Serialize(tweets));
            tweets.Destinations.Should().ContainSingle().Which.Sources.Should().Equal("discovered");
            load.Outcomes.Where(o => !o.Served).Should().BeEmpty("the discovered instance serves Tweets: {0}", load.Outcomes.Where(o => !o.Served).Show());
            instance.Log().Should().Contain("/api/tweets").And.NotContain("as an instance of Tweets with the Host", "the instance did not register; service discovery found it");
        });
    }

    private static async Task<(HttpClient[] Clients, string[] Users)> SignedIn(Deployment deployment, string prefix)
    {
        var users = Traffic.NewUsers(Workers, prefix);
        var clients = new HttpClient[Workers];
        for (var w = 0; w < Workers; w++)
        {
            clients[w] = await deployment.SignedIn(users[w]);
        }

        return (clients, users);
    }

    private static string Refusal(ModuleProcess instance) =>
        instance.Log().Split('\n').First(l => l.Contains("registry refused", StringComparison.Ordinal));
}
