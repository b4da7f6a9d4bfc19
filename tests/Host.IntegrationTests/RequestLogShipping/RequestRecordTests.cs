using System.Text.RegularExpressions;

namespace Host.IntegrationTests.RequestLogShipping;

/// <summary>What the Host ships for every request it serves, and that it ships nothing when switched off.</summary>
public sealed partial class RequestRecordTests
{
    [Fact]
    public async Task Every_request_the_Host_serves_is_recorded_once_with_what_happened_to_it()
    {
        await using var host = new ShippingHost();
        var anonymous = host.Client();
        var (userId, user) = await host.SignedIn();
        var (adminId, admin) = await host.SignedInAdmin();
        var missingUser = $"/api/users/{Api.NewId("nobody")}";

        using var notFound = await anonymous.GetAsync(new Uri(missingUser + "?secret=hunter2", UriKind.Relative));
        var notFoundTrace = (await notFound.ShouldBeProblem(HttpStatusCode.NotFound)).GetProperty("traceId").GetString();
        using var unauthorized = await anonymous.GetAsync(new Uri(Api.MePath, UriKind.Relative));
        var unauthorizedTrace = (await unauthorized.ShouldBeProblem(HttpStatusCode.Unauthorized)).GetProperty("traceId").GetString();
        using var invalid = await anonymous.PostAsJsonAsync(Api.Users, new { id = "" });
        var invalidTrace = (await invalid.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("traceId").GetString();
        using var nowhere = await anonymous.GetAsync(new Uri("/no/such/page", UriKind.Relative));
        var nowhereTrace = (await nowhere.ShouldBeProblem(HttpStatusCode.NotFound)).GetProperty("traceId").GetString();
        using var tweeted = await user.PostTweet("shipped");
        tweeted.StatusCode.Should().Be(HttpStatusCode.Created);
        using var listed = await admin.GetAsync(new Uri("/api/logs/records?limit=1", UriKind.Relative));
        listed.StatusCode.Should().Be(HttpStatusCode.OK, await listed.Content.ReadAsStringAsync());

        await host.AllShipped();

        host.HostRecordCount().Should().Be(host.Sent, "every request has exactly one record: {0}", host.Describe());
        Only(host, "GET", missingUser).Should().Match<StoredRecord>(r =>
            r.Status == 404 && r.Module == "Users" && r.UserId == null && r.TraceId == notFoundTrace);
        Only(host, "GET", Api.MePath).Should().Match<StoredRecord>(r =>
            r.Status == 401 && r.Module == "Users" && r.UserId == null && r.TraceId == unauthorizedTrace);
        host.HostRecords("POST", Api.Users).Select(r => (r.Status, r.Module)).Should().BeEquivalentTo(
            [(201, "Users"), (201, "Users"), (400, "Users")], "two sign-ups and one refused");
        host.HostRecords("POST", Api.Users).Should().ContainSingle(r => r.Status == 400).Which.TraceId.Should().Be(invalidTrace);
        Only(host, "GET", "/no/such/page").Should().Match<StoredRecord>(r =>
            r.Status == 404 && r.Module == "Host" && r.UserId == null && r.TraceId == nowhereTrace);
        Only(host, "POST", "/api/tweets").Should().Match<StoredRecord>(r => r.Status == 201 && r.Module == "Tweets" && r.UserId == userId);
        Only(host, "GET", "/api/logs/records").Should().Match<StoredRecord>(r => r.Status == 200 && r.Module == "Logging" && r.UserId == adminId);
        host.HostRecords("POST", Api.LogInPath).Should().HaveCount(2).And.OnlyContain(r => r.Status == 200 && r.Module == "Users");

        foreach (var record in host.HostRecords("GET", missingUser)
                     .Concat(host.HostRecords("POST", "/api/tweets"))
                     .Concat(host.HostRecords("GET", "/no/such/page")))
        {
            record.Ip.Should().Be("127.0.0.1");
            record.DurationMs.Should().BeGreaterThanOrEqualTo(0);
            record.TraceId.Should().MatchRegex(TraceIdPattern().ToString());
            record.Id.Should().NotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public async Task A_record_keeps_the_trace_id_the_caller_sent_and_the_path_without_its_query()
    {
        await using var host = new ShippingHost();
        var client = host.Client();
        var traceId = Guid.NewGuid().ToString("N");
        var path = $"/api/users/{Api.NewId("traced")}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path + "?token=secret&x=1");
        request.Headers.Add("traceparent", $"00-{traceId}-{Guid.NewGuid().ToString("N")[..16]}-01");

        using var response = await client.SendAsync(request);
        (await response.ShouldBeProblem(HttpStatusCode.NotFound)).GetProperty("traceId").GetString().Should().Be(traceId);
        await host.AllShipped();

        host.HostRecords("GET", path).Should().ContainSingle().Which.TraceId.Should().Be(traceId);
        host.HostRecordCount().Should().Be(host.Sent);
    }

    [Fact]
    public async Task A_record_is_stamped_by_the_applications_clock()
    {
        await using var host = new ShippingHost();
        var client = host.Client();
        host.Clock.Advance(TimeSpan.FromDays(3));
        var path = $"/api/users/{Api.NewId("stamped")}";
        var before = host.Clock.GetUtcNow();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var after = host.Clock.GetUtcNow();
        await host.AllShipped();

        var record = host.HostRecords("GET", path).Should().ContainSingle().Subject;
        record.Timestamp.Should().BeOnOrAfter(before.AddMilliseconds(-1)).And.BeOnOrBefore(after);
    }

    [Fact]
    public async Task Switched_off_the_Host_ships_nothing_while_the_Logging_module_still_takes_logs()
    {
        await using var host = new ShippingHost().With("RequestLogShipping:Enabled", "false");
        var anonymous = host.Client();
        var (_, user) = await host.SignedIn();
        for (var i = 0; i < 10; i++)
        {
            using var response = await anonymous.GetAsync(new Uri($"/api/users/{Api.NewId("off")}", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var tweeted = await user.PostTweet("not shipped"))
        {
            tweeted.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        using (var ingested = await anonymous.PostAsJsonAsync("/api/logs", new { method = "GET", path = "/sent/by/hand", status = 200, durationMs = 3 }))
        {
            ingested.StatusCode.Should().Be(HttpStatusCode.OK, await ingested.Content.ReadAsStringAsync());
        }

        // Ten times the flush interval: long enough for anything that was going to be shipped to have been.
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        host.RecordCount("api").Should().Be(1, "the module's own ingestion works");
        host.HostRecordCount().Should().Be(0, "nothing is shipped when shipping is off");
        Directory.Exists(host.SpoolPath).Should().BeFalse("no spool is kept when shipping is off");
    }

    private static StoredRecord? Only(ShippingHost host, string method, string path)
    {
        var records = host.HostRecords(method, path);
        return records.Count == 1 ? records[0] : null;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TraceIdPattern();
}
