using System.Text.Json.Nodes;

namespace Extraction.Tests.Cluster;

/// <summary>
/// <c>write-manifests</c> (docs/adr/0040): the committed files under <c>deploy/kubernetes</c> are what the command makes
/// of <c>deploy/cluster.settings.json</c>, every document passes the Kubernetes and Istio schemas, and each module
/// setting lands where docs/deploy.md says the mesh takes it over.
/// </summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task The_committed_manifests_are_what_write_manifests_makes_of_the_committed_settings()
    {
        var (exitCode, output, folder) = await Manifests.Write(Manifests.CommittedSettings);
        exitCode.Should().Be(0, output);

        var fresh = Directory.GetFiles(folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var committed = Directory.GetFiles(Manifests.Committed, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var regenerate = "run: dotnet src/Host/bin/Debug/net10.0/Monolith.Host.dll write-manifests --settings deploy/cluster.settings.json --out deploy/kubernetes";
        committed.Should().Equal(fresh, $"deploy/kubernetes must hold exactly the files the command writes; {regenerate}");
        foreach (var file in fresh)
        {
            File.ReadAllText(Path.Combine(Manifests.Committed, file!)).Should().Be(
                File.ReadAllText(Path.Combine(folder, file!)), $"deploy/kubernetes/{file} is stale; {regenerate}");
        }
    }

    [Fact]
    public async Task Every_committed_document_passes_the_Kubernetes_and_Istio_schemas()
    {
        var files = Directory.GetFiles(Manifests.Committed, "*.json");
        var documents = Manifests.Read(Manifests.Committed).Values.SelectMany(d => d).ToList();

        var (exitCode, results, errors) = await Manifests.Validate(files);

        results.Where(r => r.Error is not null).Should().BeEmpty(errors);
        exitCode.Should().Be(0, errors);
        results.Should().HaveCount(documents.Count, "every document was checked, none skipped");
        results.Select(r => r.Kind).Distinct().Should().Contain(
            ["Deployment", "Service", "ConfigMap", "VirtualService", "DestinationRule", "PeerAuthentication", "AuthorizationPolicy", "Gateway", "ServiceEntry"]);
    }

    [Fact]
    public async Task A_document_that_breaks_a_schema_is_rejected_with_the_field_it_breaks()
    {
        var folder = Directory.CreateTempSubdirectory("monolith-manifests-broken").FullName;
        var (exitCode, _, written) = await Manifests.Write(Manifests.CommittedSettings);
        exitCode.Should().Be(0);
        var files = Manifests.Read(written);
        var route = Manifests.Find(files, "VirtualService", "monolith");
        route["spec"]!["http"]![0]!["route"]![0]!["weight"] = "ten";
        var deployment = Manifests.Find(files, "Deployment", "host");
        deployment["spec"]!["replicas"] = "two";
        var broken = Path.Combine(folder, "broken.json");
        File.WriteAllText(broken, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(route.DeepClone(), deployment.DeepClone()) }.ToJsonString());

        var (validated, results, _) = await Manifests.Validate([broken]);

        validated.Should().Be(1);
        results.Single(r => r.Kind == "VirtualService").Error.Should().Contain("weight");
        results.Single(r => r.Kind == "Deployment").Error.Should().Contain("replicas");
    }

    [Fact]
    public async Task A_canary_share_a_forcing_header_and_remote_faults_become_the_meshs_routes_and_the_Host_stops_splitting()
    {
        var settings = Settings("""
            {
              "Cluster": { "Namespace": "shop", "PublicHost": "shop.example.org" },
              "Modules": {
                "Tweets": {
                  "CanaryPercent": 25,
                  "Remote": { "Timeout": "00:00:02", "QueryRetries": 3, "BreakerFailureRatio": 0.5, "BreakerMinimumThroughput": 8 },
                  "HealthCheck": { "Interval": "00:00:04", "ReactivationPeriod": "00:00:30" },
                  "Faults": { "Remote": { "FailureRate": 0.1, "Latency": "00:00:00.250", "LatencyRate": 0.5 } }
                },
                "Logging": { "Mode": "Remote", "Fallback": false }
              }
            }
            """);

        var (exitCode, output, folder) = await Manifests.Write(settings);

        exitCode.Should().Be(0, output);
        var files = Manifests.Read(folder);
        files.Keys.Should().BeEquivalentTo(["namespace.json", "external-servers.json", "mesh.json", "host.json", "tweets-service.json", "logging-service.json"]);

        var routes = Manifests.Find(files, "VirtualService", "monolith")["spec"]!["http"]!.AsArray().ToDictionary(r => (string)r!["name"]!, r => r!);
        var split = routes["tweets-service"]["route"]!.AsArray();
        split.Select(d => ((string)d!["destination"]!["host"]!, (int)d!["weight"]!)).Should().Equal(
            ("tweets-service.shop.svc.cluster.local", 25), ("host.shop.svc.cluster.local", 75));
        routes["tweets-service"]["fault"].Should().BeNull("a fault on the split would hit the Host's share too");
        routes["tweets-service"]["timeout"]!.GetValue<string>().Should().Be("8s", "four attempts of two seconds");
        routes["tweets-service"]["retries"]!["attempts"]!.GetValue<int>().Should().Be(3);

        var forced = routes["tweets-service-forced-remote"];
        forced["match"]![0]!["headers"]!["x-module-route"]!["exact"]!.GetValue<string>().Should().Be("remote");
        forced["fault"]!["abort"]!["percentage"]!["value"]!.GetValue<double>().Should().Be(10);
        forced["fault"]!["delay"]!["fixedDelay"]!.GetValue<string>().Should().Be("0.25s");
        routes["tweets-service-forced-local"]["route"]![0]!["destination"]!["host"]!.GetValue<string>().Should().Be("host.shop.svc.cluster.local");

        // Logging's endpoint outside its prefix (the legacy POST /log) moves with it.
        routes["logging-service"]["match"]!.AsArray().Select(m => m!["uri"]!.ToJsonString()).Should().Contain("{\"exact\":\"/log\"}");

        var outliers = Manifests.Find(files, "DestinationRule", "tweets-service")["spec"]!["trafficPolicy"]!["outlierDetection"]!;
        outliers["consecutive5xxErrors"]!.GetValue<int>().Should().Be(4);
        outliers["interval"]!.GetValue<string>().Should().Be("4s");
        outliers["baseEjectionTime"]!.GetValue<string>().Should().Be("30s");

        var host = Manifests.Find(files, "ConfigMap", "host-settings")["data"]!;
        host["Modules__Tweets__CanaryPercent"]!.GetValue<string>().Should().Be("0", "the mesh splits public traffic; the Host must not split again");
        host["Modules__Tweets__Destinations__0"]!.GetValue<string>().Should().Be("http://tweets-service.shop.svc.cluster.local:8080");
        host["Modules__Logging__Mode"]!.GetValue<string>().Should().Be("Remote");
        host["Modules__Logging__Fallback"]!.GetValue<string>().Should().Be("false");
        host["Modules__Tweets__Faults__Remote__FailureRate"].Should().BeNull("the mesh injects the remote side's faults");
    }

    [Fact]
    public void Only_the_front_door_and_the_module_workloads_reach_internal_endpoints_over_strict_mTLS()
    {
        var files = Manifests.Read(Manifests.Committed);

        Manifests.Find(files, "PeerAuthentication", "default")["spec"]!["mtls"]!["mode"]!.GetValue<string>().Should().Be("STRICT");
        var rules = Manifests.Find(files, "AuthorizationPolicy", "users-service")["spec"]!["rules"]!.AsArray();
        var internalRule = rules.Single(r => r!["to"]![0]!["operation"]!["paths"]?.AsArray().Any(p => (string?)p == "/internal/*") == true)!;
        internalRule["from"]![0]!["source"]!["principals"]!.AsArray().Select(p => (string)p!).Should().BeEquivalentTo(
            "cluster.local/ns/monolith/sa/host", "cluster.local/ns/monolith/sa/tweets-service");
        var publicRule = rules.Single(r => r!["to"]![0]!["operation"]!["notPaths"] is not null)!;
        publicRule["to"]![0]!["operation"]!["notPaths"]!.AsArray().Select(p => (string)p!).Should().Contain("/internal/*");

        var container = Manifests.Find(files, "Deployment", "users-service")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>().Should().Be("/health/ready");
        container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>().Should().Be("/health/live");
        container["env"]!.AsArray().Select(e => (string)e!["valueFrom"]!["secretKeyRef"]!["name"]!)
            .Should().BeEquivalentTo("jwt-signing-key", "rabbitmq", "users-database", "users-github");
    }

    [Fact]
    public async Task Settings_the_front_door_would_refuse_are_refused_and_nothing_is_written()
    {
        var settings = Settings("""{ "Modules": { "Tweets": { "CanaryPercent": 150 } } }""");

        var (exitCode, output, folder) = await Manifests.Write(settings);

        exitCode.Should().Be(2, output);
        output.Should().Contain("Modules:Tweets").And.Contain("CanaryPercent");
        Directory.Exists(folder).Should().BeFalse();
    }

    private static string Settings(string json)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("monolith-cluster-settings").FullName, "cluster.settings.json");
        File.WriteAllText(file, json);
        return file;
    }
}
