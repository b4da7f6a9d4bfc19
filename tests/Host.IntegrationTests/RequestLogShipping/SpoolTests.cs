using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Host.IntegrationTests.RequestLogShipping;

/// <summary>
/// The spool on disk: it survives a restart of the Host and is delivered from where delivery stopped. LogSpool is
/// internal to Monolith.Host and the Host grants this project no access to its internals, so it is tested here
/// through the Host, with spool files written as an earlier run would have left them.
/// </summary>
public sealed class SpoolTests
{
    [Theory]
    [InlineData(LoggingFaultMode.Throw)]
    [InlineData(LoggingFaultMode.Hang)]
    public async Task Records_spooled_while_the_Logging_module_was_down_arrive_exactly_once_after_a_restart(LoggingFaultMode fault)
    {
        const int Count = 50;
        var prefix = $"/api/users/{Api.NewId("restart")}_";
        string copy;
        int sent;
        await using (var first = new ShippingHost()
                         .With("RequestLogShipping:SpoolSegmentSize", "7")
                         // A hanging send is still in hand when the Host stops.
                         .With("RequestLogShipping:SendTimeout", fault == LoggingFaultMode.Hang ? "00:05:00" : "00:00:01"))
        {
            var client = first.Client();
            first.Fault.Set(fault);
            using (await client.GetAsync(new Uri(prefix + "first", UriKind.Relative)))
            {
                await ShippingHost.Eventually(() => first.Fault.Calls > 0, "the shipper has tried to send", first.Describe);
            }

            var statuses = new ConcurrentBag<HttpStatusCode>();
            await LoggingOutageTests.Probe(first, prefix, Count, statuses);
            statuses.Should().OnlyContain(s => s == HttpStatusCode.NotFound);

            await first.Stop();

            var spooled = first.SpooledPaths();
            spooled.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).Should().OnlyHaveUniqueItems()
                .And.HaveCount(Count + 1, "on a graceful stop nothing held in memory is lost: {0}", first.Describe());
            first.SpoolFiles().Should().HaveCountGreaterThan(1, "segments hold 7 records each");
            first.HostRecordCount().Should().Be(0);
            sent = first.Sent;
            copy = first.CopyData();
        }

        await using var second = new ShippingHost(copy).With("RequestLogShipping:BatchSize", "4");
        second.Start();
        await ShippingHost.Eventually(() => second.SpoolFiles().Count == 0, "the new Host drains the spool it found", second.Describe);

        LoggingOutageTests.ShouldHaveOneRecordEach(second, prefix, Count + 1);
        second.HostRecordCount().Should().Be(sent, "every request of the first run is recorded once: {0}", second.Describe());
        second.RejectedFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task Records_that_spill_into_the_file_being_drained_arrive_even_when_the_writer_moves_on_before_the_drain_acknowledges()
    {
        const int Burst = 40;
        await using var host = new ShippingHost()
            .With("RequestLogShipping:SpoolSegmentSize", "7")
            .With("RequestLogShipping:BatchSize", "4")
            // Two records fill the buffer while the shipper is busy draining, so the rest spill to the spool.
            .With("RequestLogShipping:BufferCapacity", "2");
        var prefix = $"/api/users/{Api.NewId("spill")}_";
        var statuses = new ConcurrentBag<HttpStatusCode>();
        // Warm up, so the burst below is quick next to one slow send.
        await LoggingOutageTests.Probe(host, prefix + "warm_", 8, statuses);
        await host.AllShipped();

        host.Fault.Throw();
        var client = host.Client();
        using (await client.GetAsync(new Uri(prefix + "first", UriKind.Relative)))
        {
            await ShippingHost.Eventually(
                () => host.SpooledPaths().Any(p => p.StartsWith(prefix + "first", StringComparison.Ordinal)),
                "the first record waits in the spool, in the file the spool still writes to",
                host.Describe);
        }

        // Slow but successful: the next drain reads the first file and takes a while to send it.
        host.Fault.Set(LoggingFaultMode.Delay);
        await ShippingHost.Eventually(() => host.Fault.Delaying > 0, "a drain send is in progress", host.Describe);
        // Meanwhile records spill into that same file, fill it and move the writer on to the next file.
        await LoggingOutageTests.Probe(host, prefix + "burst_", Burst, statuses);

        statuses.Should().HaveCount(8 + Burst).And.OnlyContain(s => s == HttpStatusCode.NotFound);
        await ShippingHost.Eventually(
            () => host.SpoolFiles().Count == 0 && host.HostRecordCount(prefix + "burst_") >= Burst,
            $"the spool empties and every one of the {Burst} requests of the burst has its record",
            () => $"{host.HostRecordCount(prefix + "burst_")} of the burst recorded, {host.SpooledPaths().Count} spooled. {host.Describe()}");
        host.Fault.Pass();
        await host.AllShipped();

        LoggingOutageTests.ShouldHaveOneRecordEach(host, prefix + "burst_", Burst);
        host.HostRecords("GET", prefix + "first").Should().ContainSingle();
        host.HostRecordCount().Should().Be(host.Sent, "one record per request, none lost, none doubled: {0}", host.Describe());
        host.RejectedFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task A_spool_that_cannot_be_written_does_not_stop_the_Host_and_shipping_goes_on_once_it_can_be()
    {
        const int Count = 10;
        await using var host = new ShippingHost();
        host.Start();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var prefix = $"/api/users/{Api.NewId("diskfull")}_";
        var statuses = new ConcurrentBag<HttpStatusCode>();

        // The spool's directory is created at start and nothing has been spooled yet; a plain file takes its place.
        Directory.Exists(host.SpoolPath).Should().BeTrue();
        Directory.EnumerateFileSystemEntries(host.SpoolPath).Should().BeEmpty();
        Directory.Delete(host.SpoolPath);
        await File.WriteAllTextAsync(host.SpoolPath, "a file where the spool's directory should be");

        host.Fault.Throw();
        var callsBefore = host.Fault.Calls;
        await LoggingOutageTests.Probe(host, prefix + "broken_", Count, statuses);
        // Each failed send is followed by a failed append to the spool; a few rounds of that must not stop the Host.
        await ShippingHost.Eventually(
            () => host.Fault.Calls >= callsBefore + 4 || lifetime.ApplicationStopping.IsCancellationRequested,
            "the shipper retries a few times with the spool unwritable",
            host.Describe);
        lifetime.ApplicationStopping.IsCancellationRequested.Should().BeFalse("a spool that cannot be written must not stop the Host: {0}", host.Describe());
        using (var live = await host.Client().GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
            live.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        statuses.Should().HaveCount(Count).And.OnlyContain(s => s == HttpStatusCode.NotFound, "requests are served whatever the spool's state");

        File.Delete(host.SpoolPath);
        host.Fault.Pass();
        await LoggingOutageTests.Probe(host, prefix + "after_", Count, statuses);
        await host.AllShipped();

        LoggingOutageTests.ShouldHaveOneRecordEach(host, prefix + "after_", Count);
        // Records made while the spool was broken never needed it: the buffer had room, so they stayed in memory
        // (in the buffer or the shipper's hand) and are all delivered. Only a record that also found the buffer full
        // could have been lost.
        LoggingOutageTests.ShouldHaveOneRecordEach(host, prefix + "broken_", Count);
        host.HostRecordCount().Should().Be(host.Sent, "one record per request, none lost, none doubled: {0}", host.Describe());
        lifetime.ApplicationStopping.IsCancellationRequested.Should().BeFalse();
    }

    [Fact]
    public async Task A_spool_left_by_an_earlier_run_is_delivered_from_its_checkpoints_skipping_a_line_torn_by_a_crash()
    {
        await using var host = new ShippingHost();
        var prefix = $"/left/{Api.NewId("over")}/";
        host.SeedSpool(1, Enumerable.Range(0, 5).Select(i => ShippingHost.Entry(prefix + i)), delivered: 2);
        host.SeedSpool(2, Enumerable.Range(5, 3).Select(i => ShippingHost.Entry(prefix + i)), tornTail: $"{{\"id\":\"{Guid.NewGuid():N}\",\"path\":\"{prefix}torn");
        host.Start();

        await ShippingHost.Eventually(() => host.SpoolFiles().Count == 0, "the spool is drained", host.Describe);

        host.HostRecordsPerPath(prefix).Keys.Should().BeEquivalentTo(
            Enumerable.Range(2, 6).Select(i => prefix + i),
            "the two records before the checkpoint were delivered already and the torn line cannot be read");
        host.HostRecordsPerPath(prefix).Values.Should().OnlyContain(n => n == 1);

        // The spool goes on working after the torn file: a new request is shipped as usual.
        var client = host.Client();
        using (await client.GetAsync(new Uri(prefix + "later", UriKind.Relative)))
        {
        }

        await ShippingHost.Eventually(() => host.HostRecords("GET", prefix + "later").Count > 0, "a request after the drain is shipped", host.Describe);
        host.SpoolFiles().Should().BeEmpty();
        host.HostRecords("GET", prefix + "later").Should().ContainSingle();
    }

    [Fact]
    public async Task A_record_the_Logging_module_refuses_for_good_is_set_aside_and_the_records_behind_it_still_arrive()
    {
        await using var host = new ShippingHost();
        var prefix = $"/refused/{Api.NewId("behind")}/";
        host.SeedSpool(1, [ShippingHost.Entry(prefix + "bad", status: 0)]);
        host.SeedSpool(2, Enumerable.Range(0, 3).Select(i => ShippingHost.Entry(prefix + i)));
        host.Start();

        await ShippingHost.Eventually(() => host.SpoolFiles().Count == 0, "the spool is drained", host.Describe);

        host.HostRecordsPerPath(prefix).Keys.Should().BeEquivalentTo(Enumerable.Range(0, 3).Select(i => prefix + i));
        var rejected = host.RejectedFiles().Should().ContainSingle().Subject;
        (await File.ReadAllTextAsync(rejected)).Should().Contain(prefix + "bad");
    }

    [Fact]
    public async Task A_refused_record_does_not_take_the_records_beside_it_in_its_batch_with_it()
    {
        await using var host = new ShippingHost();
        var prefix = $"/beside/{Api.NewId("mates")}/";
        // One file is one batch when the spool is drained: the refused record travels with good ones.
        host.SeedSpool(1, [ShippingHost.Entry(prefix + "0"), ShippingHost.Entry(prefix + "bad", status: 0), ShippingHost.Entry(prefix + "1"), ShippingHost.Entry(prefix + "2")]);
        host.Start();

        await ShippingHost.Eventually(() => host.SpoolFiles().Count == 0, "the spool is drained", host.Describe);

        host.HostRecordsPerPath(prefix).Keys.Should().BeEquivalentTo(
            Enumerable.Range(0, 3).Select(i => prefix + i),
            "only the refused record is set aside; the good ones in its batch reach the Logging module");
        (await File.ReadAllTextAsync(host.RejectedFiles().Should().ContainSingle().Subject)).Should().Contain(prefix + "bad");
    }
}
