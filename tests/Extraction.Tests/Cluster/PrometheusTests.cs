using System.Text.Json.Nodes;

namespace Extraction.Tests.Cluster;

/// <summary>
/// A real Prometheus (Debian's) scrapes the Host and the extracted Tweets service on loopback, and its HTTP API gives
/// back what the test sent: exact request counts, a rate and a p99 per module, the contract calls Tweets made to Users
/// in the Host, and the front door's remote work; the queries are the committed Grafana dashboard's own (docs/adr/0041).
/// </summary>
public sealed class PrometheusTests(ITestOutputHelper output)
{
    private const int HomeReads = 20;
    private const int ProfileReads = 25;
    private const string Home = """sum(http_server_request_duration_seconds_count{job="tweets-service", module="Tweets", http_route=~".*/home"})""";
    private const string Profile = """sum(http_server_request_duration_seconds_count{job="host", module="Users", http_route=~".*/{id}"})""";

    [Fact]
    public async Task Prometheus_scrapes_the_Host_and_an_extracted_service_and_answers_a_rate_and_a_p99_per_module()
    {
        await using var deployment = new Deployment("Tweets");
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "false"));
            await using var prometheus = await PrometheusServer.StartAsync(new Dictionary<string, string>
            {
                ["host"] = deployment.Host.Url.Authority,
                ["tweets-service"] = deployment.Service("Tweets").Url.Authority,
            });
            try
            {
                await Eventually.Until(
                    async () => (await prometheus.Query("up == 1")).Count == 2, "Prometheus scrapes both processes",
                    async () => JsonSerializer.Serialize(await prometheus.Query("up")));

                var user = "m" + Guid.NewGuid().ToString("N")[..8];
                var client = await deployment.SignedIn(user);
                using (var posted = await client.PostAsJsonAsync("/api/tweets", new { text = "measured" }))
                {
                    posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
                }

                // One of each first, seen by Prometheus before the rest: a series is born at its first scraped value, so only
                // increases after that count towards a rate.
                await Reads(client, user, home: 1, profile: 1);
                await Scraped(prometheus, Home, 1);
                await Scraped(prometheus, Profile, 1);
                await Reads(client, user, home: HomeReads - 1, profile: ProfileReads - 1);

                // Exact counts, as the service and the Host each saw them.
                await Scraped(prometheus, Home, HomeReads);
                await Scraped(prometheus, """sum(http_server_request_duration_seconds_count{job="host", module="Tweets"})""", HomeReads + 1);
                await Scraped(prometheus, """sum(monolith_module_work_total{job="host", module="Tweets", served_by="remote", outcome="ok"})""", HomeReads + 1);
                await Scraped(prometheus, Profile, ProfileReads);

                // Every home page with a tweet on it asks Users, in the Host, for names: at least one call per page.
                var calls = await prometheus.Query("""sum(monolith_contract_duration_seconds_count{job="tweets-service", module="Users", outcome="ok"})""");
                calls.Should().ContainSingle().Which.Value.Should().BeGreaterThanOrEqualTo(HomeReads);
                (await prometheus.Query("""monolith_circuit_state{job="host", module="Tweets"}""")).Should().ContainSingle().Which.Value.Should().Be(0, "closed");

                var panels = Dashboard();
                foreach (var (title, expr) in panels)
                {
                    // Every panel's query is valid PromQL on this Prometheus (a refusal throws with its message).
                    await prometheus.Query(expr);
                }

                var rates = await prometheus.Query(panels["Requests per second by module"]);
                var p99s = await prometheus.Query(panels["p99 latency by module"]);
                // Scrapes themselves are answered before any module is chosen, so some series have no module label.
                foreach (var (job, module) in new[] { ("host", "Users"), ("tweets-service", "Tweets") })
                {
                    rates.Should().Contain(s => s.Labels["job"] == job && s.Labels.GetValueOrDefault("module") == module && s.Value > 0, $"{module} served requests at {job}");
                    p99s.Should().Contain(s => s.Labels["job"] == job && s.Labels.GetValueOrDefault("module") == module && s.Value > 0 && !double.IsNaN(s.Value) && !double.IsInfinity(s.Value));
                    output.WriteLine($"{module} at {job}: {rates.First(s => s.Labels["job"] == job && s.Labels.GetValueOrDefault("module") == module).Value:0.###} requests/s, p99 {p99s.First(s => s.Labels["job"] == job && s.Labels.GetValueOrDefault("module") == module).Value * 1000:0.#} ms");
                }
            }
            catch
            {
                output.WriteLine(prometheus.Log);
                throw;
            }
        });
    }

    private static async Task Reads(HttpClient client, string user, int home, int profile)
    {
        for (var i = 0; i < home; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/tweets/home?limit=5", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        for (var i = 0; i < profile; i++)
        {
            using var response = await client.GetAsync(new Uri($"/api/users/{user}", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    private static async Task Scraped(PrometheusServer prometheus, string promql, int expected)
    {
        double? seen = null;
        await Eventually.Until(
            async () => (seen = (await prometheus.Query(promql)).Select(s => (double?)s.Value).FirstOrDefault()) == expected,
            $"Prometheus answers {expected} to {promql}",
            () => Task.FromResult(seen?.ToString(CultureInfo.InvariantCulture) ?? "no series"));
    }

    /// <summary>The committed dashboard's queries by panel title, over a one-minute window in place of Grafana's variable.</summary>
    private static Dictionary<string, string> Dashboard()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(Builds.RepositoryRoot, "deploy", "grafana", "monolith-modules.json")))!;
        return dashboard["panels"]!.AsArray().ToDictionary(
            p => (string)p!["title"]!,
            p => ((string)p!["targets"]![0]!["expr"]!).Replace("$__rate_interval", "1m", StringComparison.Ordinal));
    }
}
