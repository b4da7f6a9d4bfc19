using FluentValidation;
using Logging.Contracts;

namespace Host.IntegrationTests.Logging;

/// <summary>RecordRequests, the contract the Host's shipper sends batches through, via the Host's own mediator.</summary>
public sealed class LoggingContractTests(LoggingHost host) : IClassFixture<LoggingHost>
{
    [Fact]
    public async Task RecordRequests_stores_every_entry_with_its_fields()
    {
        var module = LoggingApi.Unique("contract");
        var at = host.Clock.GetUtcNow().AddMinutes(-1);
        var entries = Enumerable.Range(0, 3)
            .Select(i => new RequestLogEntry(Guid.NewGuid().ToString("N"), at.AddSeconds(i), "GET", $"/api/users/{i}", 200 + i, 1.5 * i, "zoe", "127.0.0.1", module, "0af7651916cd43dd8448eb211c80319c"))
            .ToList();

        var result = await host.Send(new RecordRequests(entries));

        result.Should().Be(new RecordedRequests(3, 0));
        var stored = await host.Admin.RecordsOf(module);
        stored.Select(r => r.GetProperty("id").GetString()).Should().Equal(entries.Select(e => e.Id).Reverse());
        stored[0].GetProperty("path").GetString().Should().Be("/api/users/2");
        stored[0].GetProperty("status").GetInt32().Should().Be(202);
        stored[0].GetProperty("durationMs").GetDouble().Should().Be(3);
        stored[0].GetProperty("userId").GetString().Should().Be("zoe");
        stored[0].GetProperty("traceId").GetString().Should().Be("0af7651916cd43dd8448eb211c80319c");
        stored[0].GetProperty("source").GetString().Should().Be("host");
        stored[0].GetProperty("timestamp").GetDateTimeOffset().Should().BeCloseTo(at.AddSeconds(2), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task RecordRequests_stores_the_route_pattern_that_served_each_entry()
    {
        var module = LoggingApi.Unique("routed");

        await host.Send(new RecordRequests([Entry(module) with { Path = "/api/tweets/7", Route = "/api/tweets/{id:long}" }, Entry(module)]));

        var stored = await host.Admin.RecordsOf(module);
        stored.Select(r => r.GetProperty("route").GetString()).Should().Equal(null, "/api/tweets/{id:long}");
        stored[1].GetProperty("path").GetString().Should().Be("/api/tweets/7");
    }

    [Fact]
    public async Task An_entry_with_a_status_outside_100_to_599_fails_the_whole_batch()
    {
        var module = LoggingApi.Unique("status");

        var sending = () => host.Send(new RecordRequests([Entry(module), Entry(module) with { Status = 600 }]));

        (await sending.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.PropertyName == "Entries[1].Status");
        (await host.Admin.RecordsOf(module)).Should().BeEmpty();
    }

    [Fact]
    public async Task RecordRequests_skips_entries_already_stored_so_a_batch_can_be_resent()
    {
        var module = LoggingApi.Unique("resent");
        var first = Entry(module);
        var second = Entry(module);
        await host.Send(new RecordRequests([first]));

        var resent = await host.Send(new RecordRequests([first, second, second]));

        resent.Should().Be(new RecordedRequests(1, 2));
        (await host.Admin.RecordsOf(module)).Should().HaveCount(2);
    }

    [Fact]
    public async Task RecordRequests_takes_MaxEntries_entries_in_one_batch()
    {
        var module = LoggingApi.Unique("full");

        var result = await host.Send(new RecordRequests([.. Enumerable.Range(0, RecordRequests.MaxEntries).Select(_ => Entry(module))]));

        result.Stored.Should().Be(RecordRequests.MaxEntries);
    }

    [Fact]
    public async Task RecordRequests_of_more_than_MaxEntries_throws_a_ValidationException_and_stores_nothing()
    {
        var module = LoggingApi.Unique("too_many");

        var sending = () => host.Send(new RecordRequests([.. Enumerable.Range(0, RecordRequests.MaxEntries + 1).Select(_ => Entry(module))]));

        (await sending.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().Contain(e => e.PropertyName == "Entries");
        (await host.Admin.RecordsOf(module)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_entry_without_an_id_fails_the_whole_batch()
    {
        var module = LoggingApi.Unique("no_id");

        var sending = () => host.Send(new RecordRequests([Entry(module), Entry(module) with { Id = "" }]));

        (await sending.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().Contain(e => e.PropertyName == "Entries[1].Id");
        (await host.Admin.RecordsOf(module)).Should().BeEmpty();
    }

    [Fact]
    public async Task Odd_but_real_requests_are_stored_with_over_long_text_cut_rather_than_refused()
    {
        var module = LoggingApi.Unique("odd");
        var longPath = "/" + new string('p', 5000);

        var result = await host.Send(new RecordRequests([Entry(module) with { Path = longPath + "?q=secret", Method = "VERYLONGCUSTOMMETHOD" }]));

        result.Stored.Should().Be(1);
        var stored = (await host.Admin.RecordsOf(module)).Should().ContainSingle().Subject;
        stored.GetProperty("path").GetString().Should().Be(longPath[..2048]);
        stored.GetProperty("method").GetString().Should().Be("VERYLONGCUSTOMME");
    }

    [Fact]
    public async Task An_asterisk_form_request_with_an_empty_path_is_stored_as_served()
    {
        var module = LoggingApi.Unique("asterisk");

        var result = await host.Send(new RecordRequests([Entry(module) with { Method = "OPTIONS", Path = "" }, Entry(module) with { Path = "/a?b" }]));

        result.Stored.Should().Be(2);
        (await host.Admin.RecordsOf(module)).Select(r => r.GetProperty("path").GetString()).Should().Equal("/a?b", "");
    }

    [Fact]
    public async Task An_empty_batch_stores_nothing()
    {
        var result = await host.Send(new RecordRequests([]));

        result.Should().Be(new RecordedRequests(0, 0));
    }

    private RequestLogEntry Entry(string module) =>
        new(Guid.NewGuid().ToString("N"), host.Clock.GetUtcNow(), "POST", "/api/tweets", 201, 4.2, null, "127.0.0.1", module, null);
}
