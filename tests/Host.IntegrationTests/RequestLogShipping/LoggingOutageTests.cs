using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Host.IntegrationTests.RequestLogShipping;

/// <summary>
/// The Logging module failing, hanging or losing its answers never touches a user's request, and once it is back
/// every request has exactly one record: nothing lost, nothing doubled.
/// </summary>
public sealed class LoggingOutageTests
{
    private const int Probes = 200;
    private const int Tweets = 20;

    [Theory]
    [InlineData(LoggingFaultMode.Throw)]
    [InlineData(LoggingFaultMode.Hang)]
    [InlineData(LoggingFaultMode.HangThenStoreLate)]
    [InlineData(LoggingFaultMode.StoreThenThrow)]
    public async Task While_the_Logging_contract_misbehaves_requests_are_served_and_each_is_recorded_once_after_it_recovers(LoggingFaultMode fault)
    {
        await using var host = new ShippingHost();
        var (_, user) = await host.SignedIn();
        await host.AllShipped();
        var prefix = $"/api/users/{Api.NewId("probe")}_";

        host.Fault.Set(fault);
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var tweeting = Task.WhenAll(Enumerable.Range(0, Tweets).Select(i => ShippingRequests.StatusOf(user.PostTweet($"tweet {i} while Logging is {fault}"))));
        await Task.WhenAll(Probe(host, prefix, Probes, statuses), tweeting);
        foreach (var status in await tweeting)
        {
            statuses.Add(status);
        }

        statuses.Should().HaveCount(Probes + Tweets);
        statuses.Count(s => s == HttpStatusCode.NotFound).Should().Be(Probes, "each probe is a 404 whatever the Logging module does");
        statuses.Count(s => s == HttpStatusCode.Created).Should().Be(Tweets, "each tweet is posted whatever the Logging module does");
        await ShippingHost.Eventually(
            () => host.SpooledPaths().Count(p => p.StartsWith(prefix, StringComparison.Ordinal)) == Probes,
            $"every probe's record waits in the spool while the contract is {fault}",
            host.Describe);

        host.Fault.Pass();
        await host.AllShipped();

        ShouldHaveOneRecordEach(host, prefix, Probes);
        host.HostRecords("POST", "/api/tweets").Should().HaveCount(Tweets).And.OnlyContain(r => r.Status == 201);
        host.HostRecordCount().Should().Be(host.Sent, "one record per request, none doubled: {0}", host.Describe());
        host.RejectedFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task When_the_buffer_is_full_records_spill_to_the_spool_and_still_arrive_once()
    {
        const int Burst = 60;
        const int Capacity = 5;
        await using var host = new ShippingHost()
            .With("RequestLogShipping:BufferCapacity", Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture))
            // No send gives up during the test, so whatever reaches the spool got there by finding the buffer full.
            .With("RequestLogShipping:SendTimeout", "00:05:00");
        var client = host.Client();
        var prefix = $"/api/users/{Api.NewId("burst")}_";
        host.Fault.Hang();
        using (await client.GetAsync(new Uri(prefix + "first", UriKind.Relative)))
        {
            await ShippingHost.Eventually(() => host.Fault.Hanging == 1, "the shipper is stuck sending the first record", host.Describe);
        }

        var statuses = new ConcurrentBag<HttpStatusCode>();
        await Probe(host, prefix, Burst, statuses);

        statuses.Should().HaveCount(Burst).And.OnlyContain(s => s == HttpStatusCode.NotFound);
        await ShippingHost.Eventually(
            () => host.SpooledPaths().Count(p => p.StartsWith(prefix, StringComparison.Ordinal)) == Burst - Capacity,
            $"all but the {Capacity} records the buffer holds spill to the spool",
            () => $"{host.SpooledPaths().Count} spooled. {host.Describe()}");
        host.SpoolFiles().Should().NotBeEmpty();

        host.Fault.Pass();
        await host.AllShipped();

        ShouldHaveOneRecordEach(host, prefix, Burst + 1);
        host.HostRecordCount().Should().Be(host.Sent, host.Describe());
    }

    [Fact]
    public async Task A_request_with_an_odd_target_cannot_take_the_records_of_other_requests_down_with_it()
    {
        await using var host = new ShippingHost().With("RequestLogShipping:SendTimeout", "00:05:00");
        var client = host.Client();
        var prefix = $"/api/users/{Api.NewId("odd")}_";
        host.Fault.Hang();
        using (await client.GetAsync(new Uri(prefix + "first", UriKind.Relative)))
        {
            await ShippingHost.Eventually(() => host.Fault.Hanging == 1, "the shipper is stuck sending the first record", host.Describe);
        }

        // While the shipper is stuck these all wait in the buffer, so they travel together in the next batch.
        var statuses = new ConcurrentBag<HttpStatusCode>();
        await Probe(host, prefix, 10, statuses);
        // Asterisk-form: a legal request line (RFC 9112, 3.2.4) whose path is empty.
        var odd = await SendRaw(host, "OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        await Probe(host, prefix + "after_", 10, statuses);
        host.Fault.Pass();
        await ShippingHost.Eventually(
            () => host.SpoolFiles().Count == 0 && (host.HostRecordCount(prefix) >= 21 || host.RejectedFiles().Count > 0),
            "the batch is delivered or set aside",
            host.Describe);

        statuses.Should().OnlyContain(s => s == HttpStatusCode.NotFound);
        odd.Should().StartWith("HTTP/1.1 ").And.NotStartWith("HTTP/1.1 5");
        host.HostRecordCount(prefix).Should().Be(21,
            "every ordinary request keeps its record even when its batch holds one the Logging module refuses (set aside: {0})",
            string.Join(", ", host.RejectedFiles().Select(Path.GetFileName)));
    }

    [Fact]
    public async Task A_Logging_handler_that_blocks_its_thread_cannot_hold_the_shipper_past_the_send_timeout()
    {
        const int Count = 20;
        // ShippingHost's SendTimeout is 1 s.
        await using var host = new ShippingHost();
        var client = host.Client();
        var prefix = $"/api/users/{Api.NewId("blocked")}_";
        var statuses = new ConcurrentBag<HttpStatusCode>();
        host.Fault.Set(LoggingFaultMode.Block);
        try
        {
            using (await client.GetAsync(new Uri(prefix + "first", UriKind.Relative)))
            {
                await ShippingHost.Eventually(() => host.Fault.Blocking > 0, "the contract call for the first record blocks its thread", host.Describe);
            }

            await Probe(host, prefix, Count, statuses);

            // Only a shipper that got its thread back after the timeout can spool: one held by the handler never would.
            await ShippingHost.Eventually(
                () => host.SpooledPaths().Count(p => p.StartsWith(prefix, StringComparison.Ordinal)) == Count + 1,
                "while the handler still blocks, the timed-out first record and every later one wait in the spool",
                () => $"{host.SpooledPaths().Count} spooled, {host.Fault.Blocking} calls blocking. {host.Describe()}");
            host.Fault.Blocking.Should().BeGreaterThan(0, "the records were spooled while the handler still held a thread");
        }
        finally
        {
            // Releases every blocked call.
            host.Fault.Pass();
        }

        statuses.Should().HaveCount(Count).And.OnlyContain(s => s == HttpStatusCode.NotFound);
        await host.AllShipped();

        ShouldHaveOneRecordEach(host, prefix, Count + 1);
        host.HostRecordCount().Should().Be(host.Sent, "one record per request, none doubled: {0}", host.Describe());
        host.RejectedFiles().Should().BeEmpty();
    }

    /// <summary>Sends <paramref name="count"/> GETs of distinct missing users, eight at a time.</summary>
    internal static Task Probe(ShippingHost host, string prefix, int count, ConcurrentBag<HttpStatusCode> statuses)
    {
        var clients = Enumerable.Range(0, 8).Select(_ => host.Client()).ToArray();
        return Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = clients.Length }, async (i, token) =>
        {
            using var response = await clients[i % clients.Length].GetAsync(new Uri(prefix + i, UriKind.Relative), token);
            statuses.Add(response.StatusCode);
        });
    }

    internal static void ShouldHaveOneRecordEach(ShippingHost host, string prefix, int expected)
    {
        var perPath = host.HostRecordsPerPath(prefix);
        perPath.Where(p => p.Value != 1).Should().BeEmpty("each request has exactly one record");
        perPath.Should().HaveCount(expected, "no request is without its record");
        host.HostRecordCount(prefix).Should().Be(expected);
    }

    /// <summary>Sends raw bytes over a fresh connection and returns the status line of the answer.</summary>
    private static async Task<string> SendRaw(ShippingHost host, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.Address.Host, host.Address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? string.Empty;
    }
}
