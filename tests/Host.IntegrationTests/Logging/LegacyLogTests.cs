namespace Host.IntegrationTests.Logging;

/// <summary>POST /log: the body the lecture's log service took, kept whole, analysed like the others.</summary>
public sealed class LegacyLogTests(LoggingHost host) : IClassFixture<LoggingHost>
{
    [Fact]
    public async Task The_lecture_body_with_userID_is_stored_with_its_path_user_and_ip()
    {
        var module = LoggingApi.Unique("legacy");

        using var response = await host.Sender.PostLegacyLog(new { ip = "::ffff:10.0.0.8", originalUrl = "/home?tab=1", userID = "bob", module });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Json()).GetProperty("stored").GetInt32().Should().Be(1);
        var stored = (await host.Admin.RecordsOf(module)).Should().ContainSingle().Subject;
        stored.GetProperty("path").GetString().Should().Be("/home");
        stored.GetProperty("url").GetString().Should().Be("/home?tab=1");
        stored.GetProperty("userId").GetString().Should().Be("bob");
        stored.GetProperty("ip").GetString().Should().Be("::ffff:10.0.0.8");
        stored.GetProperty("source").GetString().Should().Be("legacy");
        stored.GetProperty("method").ValueKind.Should().Be(JsonValueKind.Null);
        stored.GetProperty("status").ValueKind.Should().Be(JsonValueKind.Null);
        stored.GetProperty("durationMs").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_lecture_body_with_user_instead_of_userID_is_stored_with_that_user()
    {
        var module = LoggingApi.Unique("legacy_user");

        using var response = await host.Sender.PostLegacyLog(new { ip = "127.0.0.1", originalUrl = "/timeline", user = "carol", module });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.Admin.RecordsOf(module)).Should().ContainSingle().Which.GetProperty("userId").GetString().Should().Be("carol");
    }

    [Fact]
    public async Task Req_and_unknown_fields_are_kept_in_extra_as_sent()
    {
        var module = LoggingApi.Unique("legacy_req");

        using var response = await host.Sender.PostLegacyLog(new
        {
            ip = "127.0.0.1",
            originalUrl = "/tweet",
            userID = "dave",
            module,
            req = new { headers = new { host = "localhost:3000", accept = "*/*" }, body = new { text = "hello" } },
            referrer = "https://example.com/",
            retries = 2,
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var extra = (await host.Admin.RecordsOf(module)).Should().ContainSingle().Subject.GetProperty("extra");
        extra.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("req", "referrer", "retries");
        extra.GetProperty("req").GetProperty("headers").GetProperty("host").GetString().Should().Be("localhost:3000");
        extra.GetProperty("req").GetProperty("body").GetProperty("text").GetString().Should().Be("hello");
        extra.GetProperty("referrer").GetString().Should().Be("https://example.com/");
        extra.GetProperty("retries").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task When_both_userID_and_user_are_sent_userID_wins_and_user_is_kept_in_extra()
    {
        var module = LoggingApi.Unique("legacy_both");

        using var response = await host.Sender.PostLegacyLog(new { ip = "127.0.0.1", originalUrl = "/x", userID = "erin", user = "Erin E.", module });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var stored = (await host.Admin.RecordsOf(module)).Should().ContainSingle().Subject;
        stored.GetProperty("userId").GetString().Should().Be("erin");
        stored.GetProperty("extra").GetProperty("user").GetString().Should().Be("Erin E.");
    }

    [Fact]
    public async Task Optional_method_status_duration_and_timestamp_are_taken_when_present_and_an_array_is_a_batch()
    {
        var module = LoggingApi.Unique("legacy_full");
        var hour = LoggingApi.NewHour();

        using var response = await host.Sender.PostLegacyLog(new object[]
        {
            new { ip = "127.0.0.1", originalUrl = "/a", userID = "f", method = "GET", status = 503, durationMs = 80, timestamp = hour.AddMinutes(1), module },
            new { ip = "127.0.0.1", originalUrl = "/b", user = "g", timestamp = hour.AddMinutes(2), module },
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Json()).GetProperty("stored").GetInt32().Should().Be(2);
        var stored = await host.Admin.RecordsOf(module, hour);
        stored.Select(r => r.GetProperty("path").GetString()).Should().Equal("/b", "/a");
        stored[1].GetProperty("status").GetInt32().Should().Be(503);
        stored[1].GetProperty("durationMs").GetDouble().Should().Be(80);
        stored[1].GetProperty("timestamp").GetDateTimeOffset().Should().Be(hour.AddMinutes(1));
    }

    [Fact]
    public async Task A_lecture_body_without_originalUrl_or_ip_is_stored_with_the_clients_address_and_no_path()
    {
        var module = LoggingApi.Unique("legacy_bare");

        using var response = await host.Sender.PostLegacyLog(new { userID = "h", module });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var stored = (await host.Admin.RecordsOf(module)).Should().ContainSingle().Subject;
        stored.GetProperty("ip").GetString().Should().Be("127.0.0.1");
        stored.GetProperty("path").GetString().Should().BeEmpty();
        stored.GetProperty("url").ValueKind.Should().Be(JsonValueKind.Null);
    }
}
