using ModuleRuntime.Routing;

namespace ModuleRuntime.Tests.Routing;

/// <summary>Recent request and error counts per module and side, over the last five minutes.</summary>
public sealed class ModuleTrafficTests
{
    // On a ten-second boundary, so the test knows which bucket each moment falls in.
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Requests_and_errors_are_counted_per_module_and_by_what_served_them()
    {
        var traffic = new ModuleTraffic(clock);

        traffic.Record("Tweets", ServedBy.Local, failed: false);
        traffic.Record("Tweets", ServedBy.Local, failed: true);
        traffic.Record("tweets", ServedBy.Local, failed: false);
        traffic.Record("Tweets", ServedBy.Remote, failed: true);
        traffic.Record("Users", ServedBy.Local, failed: false);

        traffic.Recent("Tweets", ServedBy.Local).Should().Be((3L, 1L));
        traffic.Recent("TWEETS", ServedBy.Remote).Should().Be((1L, 1L));
        traffic.Recent("Users", ServedBy.Local).Should().Be((1L, 0L));
        traffic.Recent("Users", ServedBy.Remote).Should().Be((0L, 0L));
        traffic.Recent("Logging", ServedBy.Local).Should().Be((0L, 0L));
    }

    [Fact]
    public void Fallbacks_are_counted_apart_from_either_side()
    {
        var traffic = new ModuleTraffic(clock);

        traffic.Record("Tweets", ServedBy.Fallback, failed: false);
        traffic.Record("tweets", ServedBy.Fallback, failed: true);
        traffic.Record("Tweets", ServedBy.Remote, failed: false);

        traffic.Recent("TWEETS", ServedBy.Fallback).Should().Be((2L, 1L));
        traffic.Recent("Tweets", ServedBy.Local).Should().Be((0L, 0L), "a fallback is not the module's own in-process share");
        traffic.Recent("Tweets", ServedBy.Remote).Should().Be((1L, 0L), "nor a failure of the remote side");
        traffic.Recent("Users", ServedBy.Fallback).Should().Be((0L, 0L));
    }

    [Fact]
    public void The_window_spans_five_minutes()
    {
        ModuleTraffic.Span.Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Requests_stay_counted_until_they_are_older_than_the_window()
    {
        var traffic = new ModuleTraffic(clock);
        traffic.Record("Tweets", ServedBy.Local, failed: true);
        clock.Advance(TimeSpan.FromSeconds(30));
        traffic.Record("Tweets", ServedBy.Local, failed: false);

        clock.Advance(ModuleTraffic.Span - TimeSpan.FromSeconds(31));
        traffic.Recent("Tweets", ServedBy.Local).Should().Be((2L, 1L), "both are within the last five minutes");

        clock.Advance(TimeSpan.FromSeconds(1));
        traffic.Recent("Tweets", ServedBy.Local).Should().Be((1L, 0L), "the first request has left the window");

        clock.Advance(TimeSpan.FromSeconds(30));
        traffic.Recent("Tweets", ServedBy.Local).Should().Be((0L, 0L));
    }

    [Fact]
    public void A_bucket_reused_after_a_full_window_starts_from_zero()
    {
        var traffic = new ModuleTraffic(clock);
        traffic.Record("Tweets", ServedBy.Remote, failed: true);
        traffic.Record("Tweets", ServedBy.Remote, failed: true);

        clock.Advance(ModuleTraffic.Span);
        traffic.Record("Tweets", ServedBy.Remote, failed: false);

        traffic.Recent("Tweets", ServedBy.Remote).Should().Be((1L, 0L));
    }

    [Fact]
    public void Counts_from_many_threads_are_not_lost()
    {
        var traffic = new ModuleTraffic(clock);

        Parallel.For(0, 10_000, i => traffic.Record("Tweets", ServedBy.Local, failed: i % 10 == 0));

        traffic.Recent("Tweets", ServedBy.Local).Should().Be((10_000L, 1_000L));
    }
}
