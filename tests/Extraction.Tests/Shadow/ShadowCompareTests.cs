using Microsoft.AspNetCore.Http;

namespace Extraction.Tests.Shadow;

/// <summary>
/// Shadowing with real processes: the Host serves Users in-process and sends a copy of every safe request to the
/// extracted Users.Service, then compares. The same build gives no mismatch; a build that changes one field on one
/// route is caught on exactly that route, with a sample, while every client still gets the in-process answer.
/// </summary>
public sealed class ShadowCompareTests(ITestOutputHelper output)
{
    private const int Rounds = 12;

    [Fact]
    public async Task The_same_build_extracted_answers_every_shadowed_request_alike()
    {
        await using var deployment = new Deployment("Users");
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Users:Shadow", "100"));
            var ids = await SignUp(deployment, "same");

            await Ask(deployment, ids);

            var report = await Settled(deployment, Rounds * 3);
            output.WriteLine(JsonSerializer.Serialize(report));
            report.Mismatched.Should().Be(0, "the extracted module is the same build: {0}", JsonSerializer.Serialize(report.Samples));
            report.Failed.Should().Be(0);
            report.Compared.Should().BeGreaterThan(0);
            report.Routes.Select(r => r.Route).Should().Contain(["GET /api/users/{id}", "GET /api/users"]);
            (await deployment.Module("Users")).Traffic.Remote.Requests.Should().Be(0, "shadowing sends no client's request to the instance");
        });
    }

    [Fact]
    public async Task A_build_that_changes_one_field_is_caught_on_exactly_that_route_and_clients_never_see_it()
    {
        // The real service must not announce itself: the altered build in front of it is the module's only instance.
        await using var deployment = new Deployment(DeploymentShape.OneEach("Users") with
        {
            Settings = new Dictionary<string, string> { ["Registry:Register"] = "false" },
        });
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            var ids = await SignUp(deployment, "alt");
            // One field of one route: a user's page. The list, the unknown-user 404 and readiness answer as the service does.
            await using var altered = await AlteredService.Start(
                deployment.Service("Users").Url,
                request => HttpMethods.IsGet(request.Method) && ids.Any(id => request.Path.Equals($"/api/users/{id}", StringComparison.Ordinal)),
                "displayName");
            deployment.RouteNow(("Users:Shadow", "100"), ("Users:Destinations:0", altered.Url.ToString()));
            await Eventually.Until(
                async () => (await deployment.Module("Users")).Destinations is [{ Health: "Healthy" } only] && new Uri(only.Address) == altered.Url,
                "the Host sees the altered build healthy",
                async () => JsonSerializer.Serialize(await deployment.Module("Users")));

            var seen = await Ask(deployment, ids);

            seen.Should().NotContain(name => name.Contains("(changed)", StringComparison.Ordinal), "clients get the in-process answer");
            var report = await Settled(deployment, Rounds * 3);
            output.WriteLine(JsonSerializer.Serialize(report));
            var byRoute = report.Routes.ToDictionary(r => r.Route);
            byRoute["GET /api/users/{id}"].Mismatched.Should().BeGreaterThan(0);
            byRoute["GET /api/users"].Compared.Should().BeGreaterThan(0);
            report.Routes.Where(r => r.Route != "GET /api/users/{id}").Should().OnlyContain(r => r.Mismatched == 0, "only the user's page changed");
            // The unknown user's 404 shares the route but was not altered: only the real users' pages differ.
            report.Samples.Should().NotBeEmpty().And.OnlyContain(s => s.Route == "GET /api/users/{id}" && ids.Any(id => s.Path == $"/api/users/{id}"));
            report.Samples[0].Differences.Should().ContainSingle().Which.Should().Match<ShadowDifference>(d =>
                d.Where == "/displayName" && d.Actual!.Contains("(changed)"));
        });
    }

    private static async Task<List<string>> SignUp(Deployment deployment, string prefix)
    {
        var anonymous = deployment.Client();
        var ids = Enumerable.Range(0, 3).Select(i => $"{prefix}_{Guid.NewGuid():N}"[..16] + i).ToList();
        foreach (var id in ids)
        {
            await anonymous.SignUp(id, $"Name of {id}");
        }

        return ids;
    }

    /// <summary>Each round: every user's page, the user list and an unknown user; returns the display names clients saw.</summary>
    private static async Task<List<string>> Ask(Deployment deployment, IReadOnlyList<string> ids)
    {
        var client = deployment.Client();
        var names = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var id = ids[round % ids.Count];
            using (var user = await client.GetAsync(new Uri($"/api/users/{id}", UriKind.Relative)))
            {
                user.StatusCode.Should().Be(HttpStatusCode.OK);
                names.Add((await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("displayName").GetString()!);
            }

            using (var list = await client.GetAsync(new Uri("/api/users", UriKind.Relative)))
            {
                list.StatusCode.Should().Be(HttpStatusCode.OK);
            }

            using (var unknown = await client.GetAsync(new Uri("/api/users/nobody_here", UriKind.Relative)))
            {
                unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
            }
        }

        return names;
    }

    /// <summary>The shadow report once every shadowed request has been compared, failed or skipped.</summary>
    private static async Task<ShadowReport> Settled(Deployment deployment, int shadowed)
    {
        ShadowReport? report = null;
        await Eventually.Until(
            async () => (report = await Report(deployment)) is { } r && r.Compared + r.Failed + r.Skipped >= shadowed,
            $"all {shadowed} shadowed requests are accounted for",
            async () => JsonSerializer.Serialize(await Report(deployment)));
        return report!;
    }

    private static async Task<ShadowReport> Report(Deployment deployment)
    {
        using var response = await deployment.Admin.GetAsync(new Uri("/api/ops/modules/Users/shadow", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<ShadowReport>(body, JsonSerializerOptions.Web)!;
    }

    private sealed record ShadowReport(string Module, double Percent, long Compared, long Mismatched, long Failed, long Skipped, List<ShadowRoute> Routes, List<ShadowSample> Samples);

    private sealed record ShadowRoute(string Route, long Compared, long Mismatched, long Failed);

    private sealed record ShadowSample(DateTimeOffset At, string Route, string Path, List<ShadowDifference> Differences);

    internal sealed record ShadowDifference(string Where, string? Expected, string? Actual);
}
